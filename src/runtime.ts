import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from './config.js';
import { KeyResolver } from './http/auth.js';
import { buildServer } from './http/server.js';
import { Collector } from './ingest/index.js';
import { openAppStore } from './store/app/index.js';
import { openEventStore } from './store/events/index.js';
import type { AppStore, EventStore } from './store/ports.js';
import { VERSION } from './version.js';

export interface Stores {
  app: AppStore;
  events: EventStore;
  close(): Promise<void>;
}

/** The composition root's first half: pick and open the adapters the configuration names. */
export async function openStores(cfg: RuntimeConfig): Promise<Stores> {
  const app = await openAppStore({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  await app.migrate();
  let events: EventStore;
  try {
    events = await openEventStore({ dataDir: cfg.dataDir, clickhouseUrl: cfg.clickhouseUrl });
  } catch (e) {
    await app.close();
    throw e;
  }
  return {
    app,
    events,
    async close() {
      await events.close();
      await app.close();
    },
  };
}

export interface Runtime extends Stores {
  collector: Collector;
  server: FastifyInstance;
  /** Events left in the spool by an earlier run and stored at start-up. */
  replayed: number;
}

/** Open stores, start the collector (replaying its spool) and build the HTTP server. */
export async function openRuntime(
  cfg: RuntimeConfig,
  opts: { adminToken?: string; logger?: boolean } = {},
): Promise<Runtime> {
  const stores = await openStores(cfg);
  const { collector, replayed } = await Collector.start({
    events: stores.events,
    spoolDir: join(cfg.dataDir, 'spool'),
    writer: { intervalMs: cfg.spoolFlushMs },
  });
  // Replayed rows may belong to days the traffic rollup took as settled.
  if (replayed > 0) await stores.events.invalidateRollups();
  const server = buildServer(
    {
      app: stores.app,
      events: stores.events,
      collector,
      keys: new KeyResolver(stores.app),
      publicUrl: cfg.publicUrl,
      adminToken: opts.adminToken,
      // Loaded on demand: the generator is only needed when someone asks for demo data.
      seedDemo: async () => (await import('./services/demo/index.js')).seedDemo(stores, { now: Date.now() }),
      version: VERSION,
    },
    { logger: opts.logger, trustProxy: cfg.trustProxy },
  );
  return {
    ...stores,
    collector,
    server,
    replayed,
    async close() {
      await server.close();
      await collector.close();
      await stores.close();
    },
  };
}
