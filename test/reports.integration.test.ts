import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import { localDate } from '../src/core/time.js';
import { tempConfig } from './helpers.js';

/** Yesterday in Brussels: recent enough for the collector's clock checks whatever the date. */
const DAY = localDate(Date.now() - 86_400_000, 'Europe/Brussels');

/** GET /v1/reports/kpis through the HTTP server: the whole path from events and conversions to KPIs. */
const cfg = tempConfig();
let rt: Runtime;
let A: CreatedWorkspace;
let B: CreatedWorkspace;

beforeAll(async () => {
  rt = await openRuntime(cfg);
  const a = await createWorkspaceWithKeys(rt.app, { name: 'Shop A', time_zone: 'Europe/Brussels' });
  const b = await createWorkspaceWithKeys(rt.app, { name: 'Shop B' });
  if ('error' in a || 'error' in b) throw new Error('workspace setup failed');
  A = a;
  B = b;
});
afterAll(async () => {
  await rt?.close();
});

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, key: string, body?: unknown) {
  const res = await rt.server.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${key}`,
      // A browser's: requests without a user agent are counted as bots (no visits).
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

describe('GET /v1/reports/kpis', () => {
  it('answers KPIs from events, conversions and costs sent through the API', async () => {
    const ev = await call('POST', '/v1/events', A.write_key, {
      events: [
        {
          type: 'pageview',
          event_id: 'e1',
          visitor_id: 'v1',
          timestamp: `${DAY}T10:00:00Z`,
          url: 'https://shop.be/?utm_source=google&utm_medium=cpc&utm_campaign=Black%20Friday&gclid=x',
        },
        {
          type: 'pageview',
          event_id: 'e2',
          visitor_id: 'v2',
          timestamp: `${DAY}T11:00:00Z`,
          url: 'https://shop.be/',
          referrer: 'https://www.google.com/',
        },
      ],
    });
    expect(ev.status).toBe(202);
    const cv = await call('POST', '/v1/conversions', A.secret_key, {
      conversions: [
        {
          id: 'o1',
          type: 'purchase',
          visitor_id: 'v1',
          timestamp: `${DAY}T10:30:00Z`,
          value: 120,
          currency: 'EUR',
        },
        {
          id: 'o2',
          type: 'purchase',
          visitor_id: 'v2',
          timestamp: `${DAY}T11:30:00Z`,
          value: 80,
          currency: 'EUR',
        },
      ],
    });
    expect(cv.status).toBe(202);
    const co = await call('POST', '/v1/costs', A.secret_key, {
      costs: [
        {
          date: `${DAY}`,
          type: 'media',
          channel: 'Paid Search',
          campaign: 'Black Friday',
          amount: 60,
          currency: 'EUR',
        },
      ],
    });
    expect(co.status).toBeLessThan(300);

    const r = await call('GET', `/v1/reports/kpis?from=${DAY}&to=${DAY}&by=channel,campaign`, A.secret_key);
    expect(r.status).toBe(200);
    const paid = r.body.rows.find((x: { channel: string }) => x.channel === 'Paid Search');
    expect(paid).toMatchObject({
      campaign: 'black friday',
      cost: 60,
      visits: 1,
      conversions: 1,
      revenue: 120,
      roas: 2,
      cpa: 60,
    });
    const organic = r.body.rows.find((x: { channel: string }) => x.channel === 'Organic Search');
    expect(organic).toMatchObject({ visits: 1, revenue: 80, roas: null });
    expect(r.body.totals).toMatchObject({ cost: 60, revenue: 200, conversions: 2 });

    const mer = await call('GET', `/v1/reports/kpis?from=${DAY}&to=${DAY}&metrics=mer,roas`, A.secret_key);
    expect(mer.body.totals).toEqual({ mer: 3.333333, roas: 3.333333 });

    // Workspace B sees none of it.
    const other = await call('GET', `/v1/reports/kpis?from=${DAY}&to=${DAY}`, B.secret_key);
    expect(other.body.rows).toEqual([]);
    expect(other.body.totals).toMatchObject({ cost: 0, revenue: 0, roas: null });
  });

  it.each([
    ['from=2026-11-31&to=2026-12-01', 'from', 'YYYY-MM-DD'],
    [`from=${DAY}&to=2026-11-01`, 'from', 'must not be after to'],
    [`from=2026-11-01&to=${DAY}&by=weather`, 'by', 'allowed: channel, source, medium, campaign'],
    [`from=2026-11-01&to=${DAY}&metrics=vibes`, 'metrics', 'allowed: cost, impressions'],
    [`from=2026-11-01&to=${DAY}&model=magic`, 'model', 'must be one of: last_non_direct, last_click'],
    [`from=2026-11-01&to=${DAY}&grain=year`, 'grain', 'day, week, month, quarter'],
  ])('400 for %s naming %s', async (qs, field, reason) => {
    const r = await call('GET', `/v1/reports/kpis?${qs}`, A.secret_key);
    expect(r.status).toBe(400);
    expect(r.body.errors.find((e: { field: string }) => e.field === field).reason).toContain(reason);
  });

  it('goals: create, pace, list, change, delete; bad input named; other workspaces see nothing', async () => {
    const orders = await call('POST', '/v1/goals', A.secret_key, {
      name: 'Two orders',
      kpi: 'orders',
      target: 2,
      from: DAY,
      to: DAY,
    });
    expect(orders.status).toBe(201);
    expect(orders.body).toMatchObject({
      direction: 'at_least',
      pacing: { status: 'achieved', actual: 2, elapsed_days: 1, total_days: 1 },
    });
    const cpa = await call('POST', '/v1/goals', A.secret_key, {
      name: 'CPA under 20 on paid search',
      kpi: 'cpa',
      target: 20,
      from: DAY,
      to: DAY,
      filters: [{ dimension: 'channel', values: ['Paid Search'] }],
    });
    // Paid Search: €60 for 1 conversion.
    expect(cpa.body).toMatchObject({ direction: 'at_most', pacing: { status: 'missed', actual: 60 } });
    const list = await call('GET', '/v1/goals', A.secret_key);
    expect(list.body.goals.map((g: { name: string }) => g.name).sort()).toEqual([
      'CPA under 20 on paid search',
      'Two orders',
    ]);
    expect((await call('GET', '/v1/goals', B.secret_key)).body.goals).toEqual([]);
    expect((await call('GET', `/v1/goals/${orders.body.id}`, B.secret_key)).status).toBe(404);

    const patched = await call('PATCH', `/v1/goals/${orders.body.id}`, A.secret_key, { target: 3 });
    expect(patched.body).toMatchObject({ target: 3, name: 'Two orders', pacing: { status: 'missed' } });
    const badPatch = await call('PATCH', `/v1/goals/${orders.body.id}`, A.secret_key, { to: '2020-01-01' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.errors[0]).toMatchObject({
      field: 'from',
      reason: expect.stringContaining('must not be after to'),
    });

    const bad = await call('POST', '/v1/goals', A.secret_key, {
      name: 'x',
      kpi: 'vibes',
      target: 'many',
      from: DAY,
      to: DAY,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kpi', 'target']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'kpi').reason).toContain(
      'must be one of: cost',
    );

    expect((await call('DELETE', `/v1/goals/${orders.body.id}`, B.secret_key)).status).toBe(404);
    expect((await call('DELETE', `/v1/goals/${orders.body.id}`, A.secret_key)).status).toBe(204);
    expect((await call('GET', `/v1/goals/${orders.body.id}`, A.secret_key)).status).toBe(404);
  });

  it('401 without a secret key', async () => {
    expect((await call('GET', `/v1/reports/kpis?from=2026-11-01&to=${DAY}`, A.write_key)).status).toBe(401);
  });
});
