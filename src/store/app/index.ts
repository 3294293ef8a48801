import type { AppStore } from '../ports.js';
import { KyselyAppStore } from './app-store.js';
import { isPostgresUrl, openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

export { ValidationError, WorkspaceExistsError, WorkspaceNotFoundError } from './errors.js';

export interface AppStoreOptions {
  /** Rendement's data directory; the embedded database is `${dataDir}/app.sqlite`. */
  dataDir: string;
  /** A `postgres://` URL (`RENDEMENT_DATABASE_URL`); when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
}

/**
 * Open the app store: SQLite by default, PostgreSQL when a database URL is given. The schema is
 * not touched here — call `migrate()` at start-up (the composition root decides when).
 */
export async function openAppStore(opts: AppStoreOptions): Promise<AppStore> {
  if (opts.databaseUrl) {
    // The URL carries a password: keep it out of the error message.
    if (!isPostgresUrl(opts.databaseUrl))
      throw new Error('database URL must start with postgres:// or postgresql://');
    return new KyselyAppStore(openPostgres(opts.databaseUrl), 'postgres');
  }
  return new KyselyAppStore(openSqlite(opts.dataDir), 'sqlite');
}
