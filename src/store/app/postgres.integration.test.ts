import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { randomId } from '../../core/ids.js';
import { appStoreContract } from './app-store.contract.js';
import { openAppStore } from './index.js';

const url = process.env.RENDEMENT_DATABASE_URL;

describe.runIf(Boolean(url))('PostgreSQL app store', () => {
  // Every store gets its own schema (via the connection's search_path), so that runs never
  // see each other's rows and reruns start empty; the schemas are dropped at the end.
  let admin: pg.Pool | undefined;
  const schemas: string[] = [];

  async function openInFreshSchema() {
    admin ??= new pg.Pool({ connectionString: url, max: 2 });
    const schema = `rdm_test_${randomId(12).toLowerCase()}`;
    await admin.query(`create schema "${schema}"`);
    schemas.push(schema);
    const scoped = new URL(url ?? '');
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    return openAppStore({ dataDir: tmpdir(), databaseUrl: scoped.toString() });
  }

  afterAll(async () => {
    if (!admin) return;
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  appStoreContract('postgres', openInFreshSchema);

  it('keeps its migration bookkeeping in its own schema', async () => {
    const store = await openInFreshSchema();
    try {
      await store.migrate();
      await store.migrate();
      const schema = schemas.at(-1);
      const { rows } = await (admin as pg.Pool).query<{ table_name: string }>(
        'select table_name from information_schema.tables where table_schema = $1 order by table_name',
        [schema],
      );
      // Every table in the fresh schema, the bookkeeping ones included (new migrations add more).
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'api_keys',
          'campaign_map',
          'cost_imports',
          'goals',
          'invites',
          'kysely_migration',
          'kysely_migration_lock',
          'links',
          'memberships',
          'sessions',
          'users',
          'workspaces',
        ]),
      );
    } finally {
      await store.close();
    }
  });
});

describe('openAppStore with a database URL', () => {
  it('refuses a URL that is not postgres://', async () => {
    await expect(
      openAppStore({ dataDir: tmpdir(), databaseUrl: 'mysql://u:secret@host/db' }),
    ).rejects.toThrow(/^database URL must start with postgres/);
  });
});
