import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openRuntime } from '../src/runtime.js';
import { childEnv, tempConfig } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

async function waitFor<T>(fn: () => T | undefined, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a server killed with SIGKILL loses no acknowledged event: the spool is replayed at start-up', async () => {
  const cfg = tempConfig();
  // A flush interval longer than the test: acknowledged events exist only in the spool when the server dies.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--quiet'],
    {
      cwd: ROOT,
      env: childEnv(cfg.dataDir, { RENDEMENT_SPOOL_FLUSH_MS: '600000' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  try {
    const info = await waitFor(() => {
      const f = join(cfg.dataDir, 'server.json');
      return existsSync(f)
        ? (JSON.parse(readFileSync(f, 'utf8')) as { port: number; token: string })
        : undefined;
    });
    const base = `http://127.0.0.1:${info.port}`;
    const ws = (await (
      await fetch(`${base}/v1/admin/workspaces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'crash' }),
      })
    ).json()) as { workspace: { id: string }; write_key: string };
    let acknowledged = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, r) => {
        const events = Array.from({ length: 50 }, (_, i) => ({
          type: 'pageview',
          event_id: `e-${r}-${i}`,
          visitor_id: `v-${r}`,
          url: `https://shop.example.be/p/${i}?utm_source=newsletter&utm_medium=email`,
        }));
        const res = await fetch(`${base}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ws.write_key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        expect(res.status).toBe(202);
        acknowledged += ((await res.json()) as { accepted: number }).accepted;
      }),
    );
    expect(acknowledged).toBe(1000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const rt = await openRuntime(cfg);
    try {
      expect(rt.replayed).toBe(1000);
      const rows = await rt.events.listTouchpoints(ws.workspace.id, { limit: 5000 });
      expect(rows).toHaveLength(1000);
      expect(new Set(rows.map((r) => r.event_id)).size).toBe(1000);
    } finally {
      await rt.close();
    }
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\nserver stderr:\n${stderr}`, { cause: e });
  }
});
