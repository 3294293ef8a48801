import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const require = createRequire(import.meta.url);

/** Minimal shape of `node:sqlite`'s DatabaseSync that we use (typed here: @types/node 20 lacks it). */
interface NodeSqliteStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: unknown[]): IterableIterator<unknown>;
  columns(): unknown[];
}
interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  exec(sql: string): void;
  close(): void;
}

/**
 * Which SQLite binding to use. Node ≥ 22.13 ships `node:sqlite`; better-sqlite3 12 (the last line
 * that builds on Node 20) aborts at process exit on Node 24, and better-sqlite3 13 does not run on
 * Node 20 — so the built-in module is used wherever it exists, better-sqlite3 elsewhere.
 * `RENDEMENT_SQLITE_DRIVER=better-sqlite3|node` forces one (tests of both bindings).
 */
export function sqliteDriver(): 'node' | 'better-sqlite3' {
  const forced = process.env.RENDEMENT_SQLITE_DRIVER;
  if (forced === 'node' || forced === 'better-sqlite3') return forced;
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? 'node' : 'better-sqlite3';
}

/** Open a SQLite file with pragmas applied, as the `SqliteDatabase` Kysely's dialect expects. */
export function openSqliteFile(path: string, pragmas: string[]): SqliteDatabase {
  if (sqliteDriver() === 'node') {
    const { DatabaseSync } = require('node:sqlite') as {
      DatabaseSync: new (path: string) => NodeSqliteDatabase;
    };
    const db = new DatabaseSync(path);
    try {
      for (const p of pragmas) db.exec(`PRAGMA ${p}`);
    } catch (err) {
      db.close();
      throw err;
    }
    return {
      close: () => db.close(),
      prepare(sql: string) {
        const s = db.prepare(sql);
        return {
          // Kysely asks whether a statement returns rows; node:sqlite tells by its result columns.
          reader: s.columns().length > 0,
          all: (params: ReadonlyArray<unknown>) => s.all(...params),
          run: (params: ReadonlyArray<unknown>) => s.run(...params),
          iterate: (params: ReadonlyArray<unknown>) => s.iterate(...params),
        };
      },
    };
  }
  // Loaded only here: on Node 24 merely creating better-sqlite3 objects leads to the abort at exit.
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  try {
    for (const p of pragmas) db.pragma(p);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
