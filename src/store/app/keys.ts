import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { newSecretKey, newWriteKey, randomId } from '../../core/ids.js';
import type { ApiKeyKind, ApiKeyRecord } from '../ports.js';
import { isForeignKeyViolation } from './constraint-errors.js';
import { ValidationError, WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase } from './schema.js';

/** Characters of a key kept readable in lists: the kind marker (`rdm_sk_`) plus a few random ones. */
const PREFIX_LENGTH = 12;
/** Longer than any key we issue; longer inputs are not worth hashing. */
const MAX_PRESENTED_LENGTH = 256;

/**
 * Keys carry ≥ 140 random bits, so a plain SHA-256 cannot be brute-forced and, unlike a slow
 * password hash, is deterministic — it can be the (indexed) lookup column itself.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createApiKey(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  kind: ApiKeyKind,
): Promise<{ key: string; record: ApiKeyRecord }> {
  if (kind !== 'write' && kind !== 'secret') throw new ValidationError('kind', "must be 'write' or 'secret'");
  const key = kind === 'secret' ? newSecretKey() : newWriteKey();
  const record: ApiKeyRecord = {
    id: `key_${randomId(16)}`,
    workspace_id: workspaceId,
    kind,
    prefix: key.slice(0, PREFIX_LENGTH),
    created_at: new Date().toISOString(),
    revoked_at: null,
  };
  try {
    await db
      .insertInto('api_keys')
      .values({ ...record, key_hash: hashKey(key), plaintext: kind === 'write' ? key : null })
      .execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(workspaceId);
    throw err;
  }
  return { key, record };
}

/** Not workspace-scoped on purpose: the presented key is what tells which workspace a request is for. */
export async function resolveApiKey(
  db: Kysely<AppDatabase>,
  kind: ApiKeyKind,
  presented: string,
): Promise<{ workspace_id: string; key_id: string } | null> {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > MAX_PRESENTED_LENGTH)
    return null;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id'])
    .where('key_hash', '=', hashKey(presented))
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { workspace_id: row.workspace_id, key_id: row.id } : null;
}

export async function listApiKeys(db: Kysely<AppDatabase>, workspaceId: string): Promise<ApiKeyRecord[]> {
  return db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id', 'kind', 'prefix', 'created_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function writeKeys(db: Kysely<AppDatabase>, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select('plaintext')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'write')
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.plaintext === null ? [] : [r.plaintext]));
}

/**
 * True when the key exists in the workspace and is now revoked. Idempotent: revoking again
 * answers true and keeps the first revocation time.
 */
export async function revokeApiKey(
  db: Kysely<AppDatabase>,
  workspaceId: string,
  keyId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<string>`coalesce(revoked_at, ${new Date().toISOString()})` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
