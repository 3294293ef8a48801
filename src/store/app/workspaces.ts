import type { Kysely, Selectable } from 'kysely';
import { newWorkspaceId } from '../../core/ids.js';
import type { NewWorkspace, Workspace, WorkspacePatch } from '../ports.js';
import { isUniqueViolation } from './constraint-errors.js';
import { WorkspaceExistsError } from './errors.js';
import type { AppDatabase, WorkspacesTable } from './schema.js';
import { validateNewWorkspace, validateWorkspacePatch } from './workspace-input.js';
import { WorkspaceNotFoundError } from './errors.js';

export async function createWorkspace(db: Kysely<AppDatabase>, input: NewWorkspace): Promise<Workspace> {
  const valid = validateNewWorkspace(input);
  const row: Selectable<WorkspacesTable> = {
    id: newWorkspaceId(),
    ...valid,
    allowed_origins: '[]',
    default_margin: null,
    created_at: new Date().toISOString(),
  };
  try {
    await db.insertInto('workspaces').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new WorkspaceExistsError(valid.name);
    throw err;
  }
  return toWorkspace(row);
}

export async function getWorkspace(db: Kysely<AppDatabase>, id: string): Promise<Workspace | null> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWorkspace(row) : null;
}

export async function findWorkspaceByName(db: Kysely<AppDatabase>, name: string): Promise<Workspace | null> {
  if (typeof name !== 'string') return null;
  const row = await db
    .selectFrom('workspaces')
    .selectAll()
    .where('name', '=', name.trim())
    .executeTakeFirst();
  return row ? toWorkspace(row) : null;
}

export async function updateWorkspace(
  db: Kysely<AppDatabase>,
  id: string,
  patch: WorkspacePatch,
): Promise<Workspace> {
  const valid = validateWorkspacePatch(patch);
  const { allowed_origins, ...rest } = valid;
  const values = {
    ...rest,
    ...(allowed_origins ? { allowed_origins: JSON.stringify(allowed_origins) } : {}),
  };
  if (Object.keys(values).length > 0)
    await db.updateTable('workspaces').set(values).where('id', '=', id).execute();
  const ws = await getWorkspace(db, id);
  if (!ws) throw new WorkspaceNotFoundError(id);
  return ws;
}

export async function listWorkspaces(db: Kysely<AppDatabase>): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWorkspace);
}

function toWorkspace(row: Selectable<WorkspacesTable>): Workspace {
  return {
    ...row,
    allowed_origins: parseOrigins(row.allowed_origins),
    default_margin: row.default_margin === null ? null : Number(row.default_margin),
  };
}

function parseOrigins(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
}
