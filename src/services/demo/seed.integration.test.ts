import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppStore } from '../../store/app/index.js';
import { openEventStore } from '../../store/events/index.js';
import { WorkspaceExistsError, type AppStore, type EventStore } from '../../store/ports.js';
import { seedDemo, type SeedDemoResult } from './seed.js';

const NOW = Date.parse('2026-05-20T13:45:00Z');

describe('seedDemo on the embedded stores', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdm-demo-'));
  let app: AppStore;
  let events: EventStore;
  let result: SeedDemoResult;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    app = await openAppStore({ dataDir });
    await app.migrate();
    events = await openEventStore({ dataDir });
    result = await seedDemo(
      { app, events },
      { now: NOW, days: 90, visitorsPerDay: 25, onProgress: (d, t) => progress.push([d, t]) },
    );
  });
  afterAll(async () => {
    await events?.close();
    await app?.close();
  });

  it('creates the demo workspace with keys and partner links', async () => {
    expect(result.workspace.name).toBe('demo');
    expect(result.workspace.time_zone).toBe('Europe/Brussels');
    expect(await app.resolveApiKey('write', result.writeKey)).toMatchObject({
      workspace_id: result.workspace.id,
    });
    expect(await app.resolveApiKey('secret', result.secretKey)).toMatchObject({
      workspace_id: result.workspace.id,
    });
    const links = await app.listLinks(result.workspace.id);
    expect(links.map((l) => l.slug).sort()).toEqual([...result.links].sort());
    expect(links.find((l) => l.slug === 'lotte')).toMatchObject({
      partner: 'lotte',
      utm_medium: 'influencer',
    });
  });

  it('writes every generated row through the event store and reports progress per day', async () => {
    const ws = result.workspace.id;
    expect(progress).toHaveLength(90);
    expect(progress.at(-1)).toEqual([90, 90]);
    const { counts } = result;
    expect(counts.touchpoints).toBeGreaterThan(5000);
    expect((await events.listTouchpoints(ws, { limit: 100_000 })).length).toBe(counts.touchpoints);
    expect((await events.listCosts(ws)).length).toBe(counts.costs);
    expect((await events.listIdentities(ws)).length).toBe(counts.identities);
    const current = await events.listConversions(ws);
    expect(current.length).toBeGreaterThan(50);
    expect(current.length).toBeLessThan(counts.conversions); // later versions replace earlier ones
    expect(current.some((c) => c.status === 'refunded')).toBe(true);
  });

  it('refuses to seed a second demo workspace', async () => {
    await expect(seedDemo({ app, events }, { now: NOW, days: 90, visitorsPerDay: 5 })).rejects.toBeInstanceOf(
      WorkspaceExistsError,
    );
  });
});
