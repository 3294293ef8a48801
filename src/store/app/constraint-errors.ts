/**
 * Recognise constraint violations of every driver by their codes (never by message text):
 * better-sqlite3 sets `code` to the extended SQLite result code's name, node:sqlite sets `errcode`
 * to its number, pg sets `code` to the SQLSTATE.
 */
const SQLITE_EXTENDED: Record<number, string> = {
  2067: 'SQLITE_CONSTRAINT_UNIQUE',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  787: 'SQLITE_CONSTRAINT_FOREIGNKEY',
};

function codeOf(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errcode?: unknown };
  if (typeof e.errcode === 'number' && SQLITE_EXTENDED[e.errcode]) return SQLITE_EXTENDED[e.errcode];
  return e.code;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
