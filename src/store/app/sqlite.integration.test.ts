import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appStoreContract } from './app-store.contract.js';
import { KyselyAppStore } from './app-store.js';
import { openAppStore } from './index.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rendement-app-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

appStoreContract('sqlite', () => openAppStore({ dataDir: freshDir() }));

describe('SQLite app store', () => {
  it('creates the data directory and app.sqlite in WAL mode with foreign keys on', async () => {
    const dataDir = join(freshDir(), 'nested', 'data');
    const store = await openAppStore({ dataDir });
    try {
      await store.migrate();
      expect(existsSync(join(dataDir, 'app.sqlite'))).toBe(true);
      if (!(store instanceof KyselyAppStore)) throw new Error('expected the Kysely adapter');
      const pragma = async (name: string) =>
        Object.values(
          (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(store.db)).rows[0] ?? {},
        )[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('keeps data across reopen and re-migration', async () => {
    const dataDir = freshDir();
    const first = await openAppStore({ dataDir });
    await first.migrate();
    const ws = await first.createWorkspace({ name: 'Shop' });
    const { key } = await first.createApiKey(ws.id, 'secret');
    await first.close();

    const second = await openAppStore({ dataDir });
    try {
      await second.migrate();
      expect(await second.getWorkspace(ws.id)).toEqual(ws);
      expect(await second.resolveApiKey('secret', key)).toMatchObject({ workspace_id: ws.id });
    } finally {
      await second.close();
    }
  });
});
