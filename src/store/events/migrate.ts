import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseDateTime } from '../../core/time.js';

/**
 * Where the `.sql` files are: beside this module in the source tree; the build copies them beside
 * the compiled module too (scripts/copy-assets.mjs).
 */
function migrationsDir(): string {
  const here = fileURLToPath(new URL('./migrations/', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../src/store/events/migrations/', import.meta.url));
}

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Migrations are `NNN_name.sql`; statements end with `;` at the end of a line. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8')
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        statements: sql
          .split(/;\s*$/m)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

/**
 * Apply pending migrations in order. Forward-only; every statement is `IF NOT EXISTS`-safe, so a
 * run interrupted between a statement and its bookkeeping row is safe to repeat.
 */
export async function migrateEvents(client: ClickHouseClient): Promise<number[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime64(3, 'UTC'))
            ENGINE = MergeTree ORDER BY version`,
  });
  const rs = await client.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' });
  const applied = new Set((await rs.json<{ version: number }>()).map((r) => Number(r.version)));
  const done: number[] = [];
  for (const m of loadMigrations()) {
    if (applied.has(m.version)) continue;
    for (const statement of m.statements) await client.command({ query: statement });
    await client.insert({
      table: 'schema_migrations',
      values: [{ version: m.version, name: m.name, applied_at: toClickHouseDateTime(Date.now()) }],
      format: 'JSONEachRow',
    });
    done.push(m.version);
  }
  return done;
}
