import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppDatabase } from './schema.js';

/** PostgreSQL for when one machine is outgrown; `url` is a `postgres://` connection string. */
export function openPostgres(url: string): Kysely<AppDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server emits 'error' on the pool; unhandled, that would crash
  // the process. The pool has already dropped the client, and the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<AppDatabase>({ dialect: new PostgresDialect({ pool }) });
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
