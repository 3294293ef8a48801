import type { Kysely } from 'kysely';

// The workspace's default margin (a fraction of revenue): gross profit, ROI, POAS and break-even
// ROAS use it for conversions that carry no margin of their own. NULL = not set (profit KPIs stay
// empty rather than pretend a margin).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('default_margin', 'double precision').execute();
}
