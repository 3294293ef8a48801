/**
 * A Rendement server with the demo workspace and the freshly built dashboard, for the dashboard's
 * end-to-end tests and bench/dashboard. It listens on a free port chosen first, so that tracking
 * links print with the address the browser uses.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { seedDemo } from '../../src/services/demo/index.js';
import { tempConfig } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Build web/ into dist/web (about a second), so the tests never run against a stale bundle. */
export function buildDashboard(): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export interface DashboardServer {
  rt: Runtime;
  base: string;
  user: { email: string; password: string };
  workspaceId: string;
  /** The demo workspace's API keys, for tests that send events or define experiments. */
  keys: { write: string; secret: string };
  close(): Promise<void>;
}

/** The demo workspace (90 days, a lighter 400 visitors a day to keep the test quick) behind a real HTTP port. */
export async function startDashboardServer(opts: { visitorsPerDay?: number } = {}): Promise<DashboardServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cfg = tempConfig({ port, publicUrl: base });
  const rt = await openRuntime(cfg);
  const demo = await seedDemo(rt, { now: Date.now(), days: 90, visitorsPerDay: opts.visitorsPerDay ?? 400 });
  await rt.server.listen({ port, host: '127.0.0.1' });
  return {
    rt,
    base,
    user: demo.user,
    workspaceId: demo.workspace.id,
    keys: { write: demo.writeKey, secret: demo.secretKey },
    close: () => rt.close(),
  };
}
