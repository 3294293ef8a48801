import type { Kysely } from 'kysely';

// Experiments defined in a workspace: the key exposures carry (`experiment` on a touchpoint), the
// variants with their planned split, the metrics and the period (local dates).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('experiments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hypothesis', 'text')
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('primary_metric', 'text', (c) => c.notNull())
    .addColumn('secondary_metrics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('guardrail_metrics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conversion_type', 'text', (c) => c.notNull().defaultTo('purchase'))
    .addColumn('date_from', 'text', (c) => c.notNull())
    .addColumn('date_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('experiments_workspace_id').on('experiments').column('workspace_id').execute();
}
