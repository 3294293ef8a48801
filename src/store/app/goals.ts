import type { Kysely, Selectable } from 'kysely';
import { randomId } from '../../core/ids.js';
import type { Goal, NewGoal } from '../ports.js';
import { isForeignKeyViolation } from './constraint-errors.js';
import { WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase, GoalsTable } from './schema.js';

const fromRow = (r: Selectable<GoalsTable>): Goal => ({
  id: r.id,
  workspace_id: r.workspace_id,
  name: r.name,
  kpi: r.kpi,
  direction: r.direction as Goal['direction'],
  target: Number(r.target),
  from: r.date_from,
  to: r.date_to,
  filters: JSON.parse(r.filters) as Goal['filters'],
  model: r.model,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const toColumns = (g: Partial<NewGoal>) => ({
  ...(g.name !== undefined ? { name: g.name } : {}),
  ...(g.kpi !== undefined ? { kpi: g.kpi } : {}),
  ...(g.direction !== undefined ? { direction: g.direction } : {}),
  ...(g.target !== undefined ? { target: g.target } : {}),
  ...(g.from !== undefined ? { date_from: g.from } : {}),
  ...(g.to !== undefined ? { date_to: g.to } : {}),
  ...(g.filters !== undefined ? { filters: JSON.stringify(g.filters) } : {}),
  ...(g.model !== undefined ? { model: g.model } : {}),
});

export async function createGoal(db: Kysely<AppDatabase>, workspaceId: string, g: NewGoal): Promise<Goal> {
  const now = new Date().toISOString();
  const row: Selectable<GoalsTable> = {
    id: `goal_${randomId(12)}`,
    workspace_id: workspaceId,
    name: g.name,
    kpi: g.kpi,
    direction: g.direction,
    target: g.target,
    date_from: g.from,
    date_to: g.to,
    filters: JSON.stringify(g.filters),
    model: g.model,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('goals').values(row).execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(workspaceId);
    throw err;
  }
  return fromRow(row);
}

export async function getGoal(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
): Promise<Goal | null> {
  const row = await db
    .selectFrom('goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function listGoals(db: Kysely<AppDatabase>, workspaceId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('date_from')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

export async function updateGoal(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  id: string,
  patch: Partial<NewGoal>,
): Promise<Goal | null> {
  const cols = toColumns(patch);
  await db
    .updateTable('goals')
    .set({ ...cols, updated_at: new Date().toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
  return getGoal(db, workspaceId, id);
}

export async function deleteGoal(db: Kysely<AppDatabase>, workspaceId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('goals')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
