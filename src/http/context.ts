import type { Collector } from '../ingest/index.js';
import type { AppStore, EventStore } from '../store/ports.js';
import type { KeyResolver } from './auth.js';

/** What the routes share; built once by the composition root. */
export interface HttpContext {
  app: AppStore;
  events: EventStore;
  collector: Collector;
  keys: KeyResolver;
  /** Base URL printed in tracking links (`RENDEMENT_PUBLIC_URL`). */
  publicUrl: string;
  /** Token for admin routes (workspace create, demo), from server.json; none = admin routes off. */
  adminToken?: string;
  /** Seeds the demo workspace (admin route); injected so http/ doesn't pick a generator. */
  seedDemo?: () => Promise<unknown>;
  version: string;
}
