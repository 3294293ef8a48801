import type { Kysely } from 'kysely';
import type { CampaignMapping, CostImportRecord, NewCostImport } from '../ports.js';
import { isForeignKeyViolation } from './constraint-errors.js';
import { WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase, CostImportsTable } from './schema.js';

const fromRow = (r: CostImportsTable): CostImportRecord => ({
  ...r,
  account_ids: JSON.parse(r.account_ids) as string[],
  rows_read: Number(r.rows_read),
  rows_imported: Number(r.rows_imported),
  rows_rejected: Number(r.rows_rejected),
});

export async function recordCostImport(
  db: Kysely<AppDatabase>,
  rec: NewCostImport,
): Promise<CostImportRecord> {
  const row: CostImportsTable = {
    ...rec,
    account_ids: JSON.stringify(rec.account_ids),
    created_at: new Date().toISOString(),
    undone_at: null,
    undone_by: null,
  };
  try {
    await db.insertInto('cost_imports').values(row).execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(rec.workspace_id);
    throw err;
  }
  return fromRow(row);
}

export async function listCostImports(
  db: Kysely<AppDatabase>,
  workspaceId: string,
): Promise<CostImportRecord[]> {
  const rows = await db
    .selectFrom('cost_imports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(fromRow);
}

export async function getCostImport(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
): Promise<CostImportRecord | null> {
  const row = await db
    .selectFrom('cost_imports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function undoCostImport(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
  by: string,
): Promise<CostImportRecord | null> {
  await db
    .updateTable('cost_imports')
    .set({ undone_at: new Date().toISOString(), undone_by: by })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .execute();
  return getCostImport(db, workspaceId, id);
}

export async function undoneCostImportIds(db: Kysely<AppDatabase>, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cost_imports')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('undone_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setCampaignMapping(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  costCampaign: string,
  utmCampaign: string,
): Promise<CampaignMapping> {
  const row = {
    workspace_id: workspaceId,
    cost_campaign: costCampaign,
    utm_campaign: utmCampaign,
    created_at: new Date().toISOString(),
  };
  try {
    await db
      .insertInto('campaign_map')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'cost_campaign']).doUpdateSet({
          utm_campaign: utmCampaign,
          created_at: row.created_at,
        }),
      )
      .execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(workspaceId);
    throw err;
  }
  return row;
}

export async function listCampaignMappings(
  db: Kysely<AppDatabase>,
  workspaceId: string,
): Promise<CampaignMapping[]> {
  return db
    .selectFrom('campaign_map')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('cost_campaign')
    .execute();
}
