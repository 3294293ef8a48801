import type { Kysely } from 'kysely';

// Cost-file imports (undo marks them; their rows stay in the event store) and the workspace's
// campaign mapping rules (cost campaign → utm_campaign).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cost_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('account_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('date_from', 'text')
    .addColumn('date_to', 'text')
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_imported', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema
    .createIndex('cost_imports_workspace_id')
    .on('cost_imports')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('campaign_map')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('cost_campaign', 'text', (c) => c.notNull())
    .addColumn('utm_campaign', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_map_pk', ['workspace_id', 'cost_campaign'])
    .execute();
}
