import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import { tempConfig } from './helpers.js';

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

async function call(method: 'GET' | 'POST', url: string, key: string, body?: unknown) {
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
          timestamp: '2026-11-20T10:00:00Z',
          url: 'https://shop.be/?utm_source=google&utm_medium=cpc&utm_campaign=Black%20Friday&gclid=x',
        },
        {
          type: 'pageview',
          event_id: 'e2',
          visitor_id: 'v2',
          timestamp: '2026-11-20T11:00:00Z',
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
          timestamp: '2026-11-20T10:30:00Z',
          value: 120,
          currency: 'EUR',
        },
        {
          id: 'o2',
          type: 'purchase',
          visitor_id: 'v2',
          timestamp: '2026-11-20T11:30:00Z',
          value: 80,
          currency: 'EUR',
        },
      ],
    });
    expect(cv.status).toBe(202);
    const co = await call('POST', '/v1/costs', A.secret_key, {
      costs: [
        {
          date: '2026-11-20',
          type: 'media',
          channel: 'Paid Search',
          campaign: 'Black Friday',
          amount: 60,
          currency: 'EUR',
        },
      ],
    });
    expect(co.status).toBeLessThan(300);

    const r = await call(
      'GET',
      '/v1/reports/kpis?from=2026-11-20&to=2026-11-20&by=channel,campaign',
      A.secret_key,
    );
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

    const mer = await call(
      'GET',
      '/v1/reports/kpis?from=2026-11-20&to=2026-11-20&metrics=mer,roas',
      A.secret_key,
    );
    expect(mer.body.totals).toEqual({ mer: 3.333333, roas: 3.333333 });

    // Workspace B sees none of it.
    const other = await call('GET', '/v1/reports/kpis?from=2026-11-20&to=2026-11-20', B.secret_key);
    expect(other.body.rows).toEqual([]);
    expect(other.body.totals).toMatchObject({ cost: 0, revenue: 0, roas: null });
  });

  it.each([
    ['from=2026-11-31&to=2026-12-01', 'from', 'YYYY-MM-DD'],
    ['from=2026-11-20&to=2026-11-01', 'from', 'must not be after to'],
    ['from=2026-11-01&to=2026-11-20&by=weather', 'by', 'allowed: channel, source, medium, campaign'],
    ['from=2026-11-01&to=2026-11-20&metrics=vibes', 'metrics', 'allowed: cost, impressions'],
    ['from=2026-11-01&to=2026-11-20&model=magic', 'model', 'must be one of: last_non_direct, last_click'],
    ['from=2026-11-01&to=2026-11-20&grain=year', 'grain', 'day, week, month, quarter'],
  ])('400 for %s naming %s', async (qs, field, reason) => {
    const r = await call('GET', `/v1/reports/kpis?${qs}`, A.secret_key);
    expect(r.status).toBe(400);
    expect(r.body.errors.find((e: { field: string }) => e.field === field).reason).toContain(reason);
  });

  it('401 without a secret key', async () => {
    expect((await call('GET', '/v1/reports/kpis?from=2026-11-01&to=2026-11-20', A.write_key)).status).toBe(
      401,
    );
  });
});
