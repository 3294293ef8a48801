import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { AppDatabase } from './schema.js';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** The embedded engine: `${dataDir}/app.sqlite`, created (with the directory) on first use. */
export function openSqlite(dataDir: string): Kysely<AppDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new BetterSqlite3(join(dataDir, 'app.sqlite'));
  try {
    // WAL lets readers (the CLI, a backup) run while the server writes.
    sqlite.pragma('journal_mode = WAL');
    // SQLite leaves foreign keys unenforced unless asked, per connection.
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return new Kysely<AppDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}
