import { configFromEnv, type RuntimeConfig } from '../config.js';
import { openStores, type Stores } from '../runtime.js';
import { openAppStore } from '../store/app/index.js';
import type { AppStore, Workspace } from '../store/ports.js';
import { ApiClient } from './api-client.js';
import { CliError } from './errors.js';
import { liveServer } from './server-file.js';

export interface GlobalOptions {
  dataDir?: string;
  apiKey?: string;
}

export const cliConfig = (g: GlobalOptions): RuntimeConfig =>
  configFromEnv(process.env, g.dataDir ? { dataDir: g.dataDir } : {});

/**
 * Where a command's data lives: a running server that owns the data directory (talk to its API), or
 * the stores opened here. The embedded event engine allows one process, so this choice is not a
 * preference: with a server up, opening the stores would fail.
 */
export async function adminTarget(g: GlobalOptions): Promise<{ api: ApiClient } | { cfg: RuntimeConfig }> {
  const cfg = cliConfig(g);
  const live = await liveServer(cfg.dataDir);
  return live ? { api: new ApiClient(live.baseUrl, live.token) } : { cfg };
}

export function apiKey(g: GlobalOptions): string {
  const key = g.apiKey ?? process.env.RENDEMENT_API_KEY;
  if (!key)
    throw new CliError(
      'This command needs a secret API key: pass --api-key rdm_sk_… or set RENDEMENT_API_KEY.',
      2,
    );
  return key;
}

/** For data commands: the server's API with the user's key, or local stores and the key's workspace. */
export async function dataTarget(
  g: GlobalOptions,
): Promise<{ api: ApiClient } | { cfg: RuntimeConfig; key: string }> {
  const key = apiKey(g);
  const cfg = cliConfig(g);
  const live = await liveServer(cfg.dataDir);
  return live ? { api: new ApiClient(live.baseUrl, key) } : { cfg, key };
}

export async function resolveWorkspace(app: AppStore, key: string): Promise<Workspace> {
  const found = await app.resolveApiKey('secret', key);
  const ws = found ? await app.getWorkspace(found.workspace_id) : null;
  if (!ws) throw new CliError('Unknown or revoked API key (expected a secret key rdm_sk_…).', 3);
  return ws;
}

/** Run with the app store only (SQLite allows several processes; no engine lock involved). */
export async function withAppStore<T>(cfg: RuntimeConfig, fn: (app: AppStore) => Promise<T>): Promise<T> {
  const app = await openAppStore({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  try {
    await app.migrate();
    return await fn(app);
  } finally {
    await app.close();
  }
}

export async function withStores<T>(cfg: RuntimeConfig, fn: (s: Stores) => Promise<T>): Promise<T> {
  let stores: Stores;
  try {
    stores = await openStores(cfg);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `Could not open the data in ${cfg.dataDir}: ${msg}. Is another Rendement process using it?`,
    );
  }
  try {
    return await fn(stores);
  } finally {
    await stores.close();
  }
}
