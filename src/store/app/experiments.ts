import type { Kysely, Selectable } from 'kysely';
import { randomId } from '../../core/ids.js';
import type { Experiment, NewExperiment } from '../ports.js';
import { isForeignKeyViolation } from './constraint-errors.js';
import { WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase, ExperimentsTable } from './schema.js';

const fromRow = (r: Selectable<ExperimentsTable>): Experiment => ({
  id: r.id,
  workspace_id: r.workspace_id,
  key: r.key,
  name: r.name,
  hypothesis: r.hypothesis,
  variants: JSON.parse(r.variants) as Experiment['variants'],
  primary_metric: r.primary_metric as Experiment['primary_metric'],
  secondary_metrics: JSON.parse(r.secondary_metrics) as Experiment['secondary_metrics'],
  guardrail_metrics: JSON.parse(r.guardrail_metrics) as Experiment['guardrail_metrics'],
  conversion_type: r.conversion_type,
  from: r.date_from,
  to: r.date_to,
  status: r.status as Experiment['status'],
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const toColumns = (e: Partial<NewExperiment>) => ({
  ...(e.key !== undefined ? { key: e.key } : {}),
  ...(e.name !== undefined ? { name: e.name } : {}),
  ...(e.hypothesis !== undefined ? { hypothesis: e.hypothesis } : {}),
  ...(e.variants !== undefined ? { variants: JSON.stringify(e.variants) } : {}),
  ...(e.primary_metric !== undefined ? { primary_metric: e.primary_metric } : {}),
  ...(e.secondary_metrics !== undefined ? { secondary_metrics: JSON.stringify(e.secondary_metrics) } : {}),
  ...(e.guardrail_metrics !== undefined ? { guardrail_metrics: JSON.stringify(e.guardrail_metrics) } : {}),
  ...(e.conversion_type !== undefined ? { conversion_type: e.conversion_type } : {}),
  ...(e.from !== undefined ? { date_from: e.from } : {}),
  ...(e.to !== undefined ? { date_to: e.to } : {}),
  ...(e.status !== undefined ? { status: e.status } : {}),
});

export async function createExperiment(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  e: NewExperiment,
): Promise<Experiment> {
  const now = new Date().toISOString();
  const row: Selectable<ExperimentsTable> = {
    id: `exp_${randomId(12)}`,
    workspace_id: workspaceId,
    key: e.key,
    name: e.name,
    hypothesis: e.hypothesis,
    variants: JSON.stringify(e.variants),
    primary_metric: e.primary_metric,
    secondary_metrics: JSON.stringify(e.secondary_metrics),
    guardrail_metrics: JSON.stringify(e.guardrail_metrics),
    conversion_type: e.conversion_type,
    date_from: e.from,
    date_to: e.to,
    status: e.status,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('experiments').values(row).execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(workspaceId);
    throw err;
  }
  return fromRow(row);
}

export async function getExperiment(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
): Promise<Experiment | null> {
  const row = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function listExperiments(db: Kysely<AppDatabase>, workspaceId: string): Promise<Experiment[]> {
  const rows = await db
    .selectFrom('experiments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('date_from', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

export async function updateExperiment(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
  patch: Partial<NewExperiment>,
): Promise<Experiment | null> {
  await db
    .updateTable('experiments')
    .set({ ...toColumns(patch), updated_at: new Date().toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  return getExperiment(db, workspaceId, id);
}

export async function deleteExperiment(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('experiments')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
