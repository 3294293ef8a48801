import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';
import type { AppDatabase, AppDialect } from './schema.js';

/** Apply the pending migrations; the applied ones are recorded in `kysely_migration`, so re-running is a no-op. */
export async function migrateToLatest(db: Kysely<AppDatabase>, dialect: AppDialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // Migrations are written on parallel branches and never depend on one another's order: a
    // database that ran 004 before 003 existed must still take 003, not refuse to start.
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping table in *any* schema unless told which one: another
    // Rendement (or a test run) in a neighbouring schema of the same database would fool it.
    migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}

async function currentSchema(db: Kysely<AppDatabase>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema)
    throw new Error('PostgreSQL: no current schema (does the search_path name an existing schema?)');
  return schema;
}
