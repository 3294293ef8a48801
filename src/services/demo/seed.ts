/**
 * `rendement demo`: create the `demo` workspace with its keys and partner links, then write the
 * generated days through the event-store port in chunks, so that a 120-day demo never sits in
 * memory at once.
 */
import type {
  ConversionChangeRow,
  ConversionRow,
  CostRow,
  IdentityRow,
  TouchpointRow,
} from '../../core/records.js';
import { bodyHash } from '../../ingest/conversions.js';
import {
  SlugTakenError,
  WorkspaceExistsError,
  type AppStore,
  type EventStore,
  type Workspace,
} from '../../store/ports.js';
import { createUserWithRole, hashPassword, randomPassword } from '../users/index.js';
import { DEFAULT_DAYS, generateDemo } from './generate.js';
import { demoLinks } from './links.js';

export const DEMO_WORKSPACE = 'demo';
export const DEMO_TIME_ZONE = 'Europe/Brussels';
export const DEMO_SITE_HOST = 'shop.example.be';
export const DEMO_SEED = 20_240_917;
/** The demo's owner account; its password is made at random and printed once by `rendement demo`. */
export const DEMO_USER_EMAIL = 'demo@rendement.example';
/** Rows per insert: large enough for the engine's insert rate, small enough to keep memory flat. */
const CHUNK = 10_000;

export interface SeedDemoOptions {
  /** "Today" for the demo: its window ends at this instant (the caller's clock). */
  now: number;
  seed?: number;
  days?: number;
  visitorsPerDay?: number;
  /** Called after each simulated day is written: days done, days in total. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoResult {
  workspace: Workspace;
  writeKey: string;
  secretKey: string;
  /** Slugs of the partner links created (a slug another workspace already uses is skipped). */
  links: string[];
  /** The dashboard sign-in of the demo's owner (the password is shown here only). */
  user: { email: string; password: string };
  counts: { touchpoints: number; conversions: number; costs: number; identities: number };
}

/**
 * Create the `demo` workspace and fill it. Throws `WorkspaceExistsError` when a workspace named
 * `demo` exists already (the CLI tells the user how to remove or rename it). Conversion rows get
 * the collector's body hash, so a shop resending one of them through the API is a no-op.
 */
export async function seedDemo(
  deps: { events: EventStore; app: AppStore },
  opts: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const { events, app } = deps;
  if (await app.findWorkspaceByName(DEMO_WORKSPACE)) throw new WorkspaceExistsError(DEMO_WORKSPACE);
  const workspace = await app.createWorkspace({
    name: DEMO_WORKSPACE,
    base_currency: 'EUR',
    time_zone: DEMO_TIME_ZONE,
    locale: 'nl-BE',
  });
  const writeKey = (await app.createApiKey(workspace.id, 'write')).key;
  const secretKey = (await app.createApiKey(workspace.id, 'secret')).key;
  // A user left from an earlier demo (its workspace deleted) keeps the address: give it a new password.
  const user = { email: DEMO_USER_EMAIL, password: randomPassword() };
  const existing = await app.findUserByEmail(DEMO_USER_EMAIL);
  if (existing) {
    await app.setPasswordHash(existing.id, await hashPassword(user.password));
    await app.setMembership(existing.id, workspace.id, 'owner');
  } else {
    await createUserWithRole(app, { ...user, workspaceId: workspace.id, role: 'owner', name: 'Demo' });
  }
  const links: string[] = [];
  for (const link of demoLinks(DEMO_SITE_HOST)) {
    try {
      await app.createLink({ ...link, workspace_id: workspace.id });
      links.push(link.slug);
    } catch (err) {
      if (!(err instanceof SlugTakenError)) throw err;
    }
  }

  const total = opts.days ?? DEFAULT_DAYS;
  const counts = { touchpoints: 0, conversions: 0, costs: 0, identities: 0 };
  let touchpoints: TouchpointRow[] = [];
  let identities: IdentityRow[] = [];
  let costs: CostRow[] = [];
  let conversions: ConversionRow[] = [];
  let changes: ConversionChangeRow[] = [];
  const flush = async (all: boolean): Promise<void> => {
    if (touchpoints.length >= CHUNK || (all && touchpoints.length)) {
      await events.insertTouchpoints(touchpoints);
      counts.touchpoints += touchpoints.length;
      touchpoints = [];
    }
    if (identities.length >= CHUNK || (all && identities.length)) {
      await events.insertIdentities(identities);
      counts.identities += identities.length;
      identities = [];
    }
    if (costs.length >= CHUNK || (all && costs.length)) {
      await events.insertCosts(costs);
      counts.costs += costs.length;
      costs = [];
    }
    if (conversions.length >= CHUNK || (all && conversions.length)) {
      await events.writeConversions(conversions, changes);
      counts.conversions += conversions.length;
      conversions = [];
      changes = [];
    }
  };

  let done = 0;
  for (const batch of generateDemo({
    workspaceId: workspace.id,
    seed: opts.seed ?? DEMO_SEED,
    days: total,
    end: opts.now,
    timeZone: DEMO_TIME_ZONE,
    siteHost: DEMO_SITE_HOST,
    ...(opts.visitorsPerDay ? { visitorsPerDay: opts.visitorsPerDay } : {}),
  })) {
    touchpoints.push(...batch.touchpoints);
    identities.push(...batch.identities);
    costs.push(...batch.costs);
    for (let i = 0; i < batch.conversions.length; i++) {
      const row = batch.conversions[i] as ConversionRow;
      const change = batch.conversionChanges[i] as ConversionChangeRow;
      row.body_hash = change.body_hash = bodyHash(row);
      conversions.push(row);
      changes.push(change);
    }
    await flush(false);
    opts.onProgress?.(++done, total);
  }
  await flush(true);
  // The demo writes past days directly: rollups that took them as settled must be rebuilt.
  await events.invalidateRollups();
  return { workspace, writeKey, secretKey, links, user, counts };
}
