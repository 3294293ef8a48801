import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { AppDatabase } from './schema.js';
import { openSqliteFile } from './sqlite-driver.js';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** The embedded engine: `${dataDir}/app.sqlite`, created (with the directory) on first use. */
export function openSqlite(dataDir: string): Kysely<AppDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = openSqliteFile(join(dataDir, 'app.sqlite'), [
    // WAL lets readers (the CLI, a backup) run while the server writes.
    'journal_mode = WAL',
    // SQLite leaves foreign keys unenforced unless asked, per connection.
    'foreign_keys = ON',
    `busy_timeout = ${BUSY_TIMEOUT_MS}`,
  ]);
  return new Kysely<AppDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}
