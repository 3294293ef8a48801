import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKpiParams, type KpiModel } from '../src/core/report-params.js';
import type { TouchpointRow } from '../src/core/records.js';
import {
  attributionPathsReport,
  attributionReport,
  parseAttributionParams,
} from '../src/services/attribution/report.js';
import { creditExport, parseCreditExportParams } from '../src/services/attribution/credit-export.js';
import { kpiReport } from '../src/services/reports/kpis.js';
import { createWorkspaceWithKeys } from '../src/services/workspaces.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import type { AppStore, EventStore, Workspace } from '../src/store/ports.js';
import { conversion, touchpoint } from './fixtures/rows.js';
import { tempConfig } from './helpers.js';

/**
 * The attribution report builds its journeys in one pass over the touchpoints
 * (store/events/attribution-paths.ts); the KPI engine reads the per-conversion credit stored by
 * store/events/credit.ts. Two builds of the same paths: on a seeded random shop they must agree
 * for every rule-based model, and on small hand-worked cases each answer is known.
 */
const cfg = tempConfig();
let rt: Runtime;
let app: AppStore;
let events: EventStore;
const DAY = 86_400_000;

beforeAll(async () => {
  rt = await openRuntime(cfg);
  app = rt.app;
  events = rt.events;
});
afterAll(async () => {
  await rt?.close();
});

const CHANNELS: Array<[TouchpointRow['channel'], string]> = [
  ['Paid Search', 'google'],
  ['Paid Social', 'facebook'],
  ['Email', 'newsletter'],
  ['Affiliate', 'partnerco'],
  ['Organic Search', 'bing'],
  ['Direct', '(direct)'],
];

/** Mulberry32: a small seeded generator, so that the shop is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('journeys in one pass agree with the stored per-conversion credit', () => {
  let ws: Workspace;
  let secret: string;
  beforeAll(async () => {
    const created = await createWorkspaceWithKeys(app, {
      name: 'random',
      base_currency: 'EUR',
      time_zone: 'Europe/Brussels',
    });
    if ('error' in created) throw new Error(created.message);
    ws = created.workspace;
    secret = created.secret_key;
    const W = ws.id;
    const r = rng(7);
    const start = Date.UTC(2026, 2, 1);
    const touches: TouchpointRow[] = [];
    const convs = [];
    // 60 visitors over March–April; every 5th is also known as a customer (stitched through
    // identities), visitors 0–9 share customer c0/c1 to test stitching across devices.
    for (let v = 0; v < 60; v++) {
      const n = Math.floor(r() * 8);
      for (let k = 0; k < n; k++) {
        const [channel, source] = CHANNELS[Math.floor(r() * CHANNELS.length)]!;
        touches.push(
          touchpoint({
            workspace_id: W,
            event_id: `t${v}-${k}`,
            visitor_id: `v${v}`,
            // Distinct milliseconds: same-millisecond touches may be ordered differently by the two builds.
            ts: start + Math.floor(r() * 55 * DAY) + v * 1000 + k,
            type: r() < 0.2 ? 'impression' : 'pageview',
            channel,
            source,
            utm_campaign: `c${Math.floor(r() * 3)}`,
          }),
        );
      }
      const m = r() < 0.6 ? 1 + Math.floor(r() * 2) : 0;
      for (let k = 0; k < m; k++)
        convs.push(
          conversion({
            workspace_id: W,
            conversion_id: `o${v}-${k}`,
            visitor_id: `v${v}`,
            customer_id: v < 10 ? `c${v % 2}` : '',
            ts: start + 10 * DAY + Math.floor(r() * 50 * DAY) + v * 1000 + 500,
            value: (10 + Math.floor(r() * 20_000) / 100).toFixed(2),
            status: r() < 0.1 ? 'refunded' : 'completed',
            refunded_value: '0',
          }),
        );
    }
    for (const c of convs) if (c.status === 'refunded') c.refunded_value = c.value;
    await events.insertTouchpoints(touches);
    await events.writeConversions(convs, []);
    await events.insertIdentities(
      Array.from({ length: 10 }, (_, v) => ({
        workspace_id: W,
        visitor_id: `v${v}`,
        customer_id: `c${v % 2}`,
        ts: start,
      })),
    );
  });

  const kpiCredit = async (model: KpiModel, by: 'channel' | 'source') => {
    const parsed = parseKpiParams({
      from: '2026-03-15',
      to: '2026-04-30',
      by,
      metrics: 'conversions,revenue',
      model,
    });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    const r = await kpiReport({ app, events }, ws, parsed.params);
    return new Map(
      r.rows
        .filter((x) => Number(x.conversions) !== 0 || Number(x.revenue) !== 0)
        .map((x) => [String(x[by] || '(not set)'), [Number(x.conversions), Number(x.revenue)]]),
    );
  };

  it.each(['channel', 'source'] as const)(
    'by %s: six rule-based models, conversions and value (1e-3)',
    async (by) => {
      const parsed = parseAttributionParams({ from: '2026-03-15', to: '2026-04-30', by, model: 'all' });
      if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
      const report = await attributionReport({ app, events }, ws, parsed.params);
      expect(report.conversions).toBeGreaterThan(20);
      for (const model of [
        'first_click',
        'last_click',
        'last_non_direct',
        'linear',
        'time_decay',
        'position_based',
      ] as const) {
        const stored = await kpiCredit(model, by);
        const got = report.models[model]!.channels;
        expect(got.map((c) => c.channel).sort(), model).toEqual([...stored.keys()].sort());
        for (const c of got) {
          expect(c.conversions, `${model} ${c.channel}`).toBeCloseTo(stored.get(c.channel)![0]!, 3);
          expect(c.value, `${model} ${c.channel}`).toBeCloseTo(stored.get(c.channel)![1]!, 2);
        }
      }
      // Every model hands out exactly the counted conversions and their value.
      for (const [model, m] of Object.entries(report.models)) {
        expect(
          m.channels.reduce((s, c) => s + c.conversions, 0),
          model,
        ).toBeCloseTo(report.conversions, 3);
        expect(
          m.channels.reduce((s, c) => s + c.value, 0),
          model,
        ).toBeCloseTo(report.value, 1);
      }
    },
  );

  it('the per-conversion export adds up to the report under all eight models; weights sum to 1', async () => {
    const parsed = parseCreditExportParams({ from: '2026-03-15', to: '2026-04-30', model: 'all' });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    const report = await attributionReport({ app, events }, ws, parsed.params);
    const sums = new Map<string, [number, number]>();
    const perConversion = new Map<string, number>();
    for await (const r of creditExport({ app, events }, ws, parsed.params)) {
      const k = `${r.model}|${r.channel}`;
      const s = sums.get(k) ?? [0, 0];
      sums.set(k, [s[0] + r.conversions, s[1] + (r.value ?? 0)]);
      const c = `${r.model}|${r.conversion_id}`;
      perConversion.set(c, (perConversion.get(c) ?? 0) + r.weight);
    }
    for (const w of perConversion.values()) expect(w).toBeCloseTo(1, 9);
    for (const [model, m] of Object.entries(report.models))
      for (const c of m.channels) {
        const [conv, value] = sums.get(`${model}|${c.channel}`) ?? [0, 0];
        expect(conv, `${model} ${c.channel}`).toBeCloseTo(c.conversions, 3);
        expect(value, `${model} ${c.channel}`).toBeCloseTo(c.value, 2);
      }
  });

  it('bootstrap: 95 % intervals around the Markov and Shapley shares, the same for the same seed', async () => {
    const ask = (seed: string) => {
      const parsed = parseAttributionParams({
        from: '2026-03-15',
        to: '2026-04-30',
        model: 'markov,shapley,linear',
        bootstrap: '50',
        seed,
      });
      if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
      return attributionReport({ app, events }, ws, parsed.params);
    };
    const [a, b] = [await ask('7'), await ask('7')];
    for (const m of ['markov', 'shapley'] as const) {
      expect(a.models[m]!.ci_level).toBe(0.95);
      for (const c of a.models[m]!.channels) {
        expect(c.ci_lower!, `${m} ${c.channel}`).toBeLessThanOrEqual(c.share! + 1e-4);
        expect(c.ci_upper!, `${m} ${c.channel}`).toBeGreaterThanOrEqual(c.share! - 1e-4);
        expect(c.ci_lower!).toBeGreaterThanOrEqual(0);
      }
      expect(a.models[m]!.channels.some((c) => c.ci_upper! > c.ci_lower!)).toBe(true);
    }
    expect(a.models.markov).toEqual(b.models.markov);
    expect(a.models.linear!.ci_level).toBeUndefined();
    expect(
      parseAttributionParams({ from: '2026-03-15', to: '2026-04-30', bootstrap: '1', seed: '1.5' }),
    ).toEqual({
      errors: [
        { field: 'bootstrap', reason: 'must be 0 (none) or an integer from 2 to 1000 (got 1)' },
        { field: 'seed', reason: 'must be an integer' },
      ],
    });
  });

  it('GET /v1/export/credit streams NDJSON or CSV; bad parameters are named', async () => {
    const get = (q: string) =>
      rt.server.inject({
        method: 'GET',
        url: `/v1/export/credit?from=2026-03-15&to=2026-04-30${q}`,
        headers: { authorization: `Bearer ${secret}` },
      });
    const nd = await get('&model=first_click');
    expect(nd.statusCode).toBe(200);
    expect(nd.headers['content-type']).toMatch(/ndjson/);
    const lines = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // First click: every touch of the path is listed, the first with weight 1, the others 0;
    // conversions in time order.
    expect(lines.every((l) => l.model === 'first_click' && (l.weight === 1 || l.weight === 0))).toBe(true);
    const firsts = new Map<string, number>();
    for (const l of lines) if (!firsts.has(l.conversion_id)) firsts.set(l.conversion_id, l.weight);
    expect([...firsts.values()].every((w) => w === 1)).toBe(true);
    expect(lines.filter((l) => l.weight === 1).length).toBe(firsts.size);
    expect(lines.map((l) => l.conversion_ts)).toEqual([...lines.map((l) => l.conversion_ts)].sort());
    const csv = await get('&model=linear&format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header).toBe(
      'model,conversion_id,conversion_ts,type,status,touch_ts,channel,source,medium,campaign,ad_group,ad,partner,landing_page,device,country,weight,conversions,value,currency',
    );
    expect(rows.length).toBe(lines.length);
    const bad = await get('&model=magic&format=xml&collapse=true');
    expect(bad.statusCode).toBe(400);
    expect(
      JSON.parse(bad.body)
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['collapse', 'format', 'model']);
  });
});

describe('journeys worked by hand', () => {
  let ws: Workspace;
  const conv = Date.UTC(2026, 4, 20, 12);
  beforeAll(async () => {
    ws = await app.createWorkspace({ name: 'hand', base_currency: 'EUR', time_zone: 'UTC' });
    const W = ws.id;
    const tp = (
      id: string,
      visitor: string,
      daysBefore: number,
      ch: number,
      type: TouchpointRow['type'] = 'pageview',
    ) =>
      touchpoint({
        workspace_id: W,
        event_id: id,
        visitor_id: visitor,
        ts: conv - daysBefore * DAY,
        type,
        channel: CHANNELS[ch]![0],
        source: CHANNELS[ch]![1],
      });
    await events.insertTouchpoints([
      // p1: Email, Email, Paid Search, Direct → buys 100.
      tp('a1', 'p1', 6, 2),
      tp('a2', 'p1', 5, 2),
      tp('a3', 'p1', 2, 0),
      tp('a4', 'p1', 0.5, 5),
      // p2: a Paid Social impression 2 days before (outside the 1-day view window), Paid Search
      // 40 days before (outside 30 days) → buys 50 with no touch: the Direct step.
      tp('b1', 'p2', 2, 1, 'impression'),
      tp('b2', 'p2', 40, 0),
      // p3 and p4 never buy: Paid Social then Email; Email twice.
      tp('n1', 'p3', 3, 1),
      tp('n2', 'p3', 1, 2),
      tp('n3', 'p4', 2, 2),
      tp('n4', 'p4', 1, 2),
    ]);
    await events.writeConversions(
      [
        conversion({
          workspace_id: W,
          conversion_id: 'h1',
          visitor_id: 'p1',
          customer_id: '',
          ts: conv,
          value: '100',
        }),
        conversion({
          workspace_id: W,
          conversion_id: 'h2',
          visitor_id: 'p2',
          customer_id: '',
          ts: conv,
          value: '50',
        }),
      ],
      [],
    );
  });
  const report = async (q: Record<string, string>) => {
    const parsed = parseAttributionParams({ from: '2026-05-14', to: '2026-05-20', ...q });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    return parsed.params;
  };
  const credit = async (q: Record<string, string>) => {
    const r = await attributionReport({ app, events }, ws, await report(q));
    return Object.fromEntries(
      Object.entries(r.models).map(([m, v]) => [
        m,
        Object.fromEntries(v.channels.map((c) => [c.channel, c.value])),
      ]),
    );
  };

  it('linear: p1 four touches of 25; p2 all to Direct; with collapse Email counts once (33.33 each)', async () => {
    expect((await credit({ model: 'linear' })).linear).toEqual({ Email: 50, 'Paid Search': 25, Direct: 75 });
    const collapsed = (await credit({ model: 'linear', collapse: 'true' })).linear!;
    expect(collapsed.Email).toBeCloseTo(33.3333, 3);
    expect(collapsed['Paid Search']).toBeCloseTo(33.3333, 3);
    expect(collapsed.Direct).toBeCloseTo(50 + 33.3333, 3);
  });

  it('last non-direct by source: "(direct)" is the Direct channel, newsletter is not', async () => {
    const bySource = await credit({ model: 'last_non_direct,last_click', by: 'source' });
    expect(bySource.last_non_direct).toEqual({ google: 100, '(direct)': 50 });
    expect(bySource.last_click).toEqual({ '(direct)': 150 });
  });

  it('time decay (h = 7 days): 2^(−6/7), 2^(−5/7), 2^(−2/7), 2^(−0.5/7) over p1', async () => {
    const w = [6, 5, 2, 0.5].map((d) => 2 ** (-d / 7));
    const sum = w.reduce((a, b) => a + b, 0);
    const td = (await credit({ model: 'time_decay' })).time_decay!;
    expect(td.Email).toBeCloseTo((100 * (w[0]! + w[1]!)) / sum, 3);
    expect(td['Paid Search']).toBeCloseTo((100 * w[2]!) / sum, 3);
    expect(td.Direct).toBeCloseTo(50 + (100 * w[3]!) / sum, 3);
  });

  it('paths: converting and non-converting journeys, time to conversion from the first touch', async () => {
    const r = await attributionPathsReport({ app, events }, ws, await report({}));
    expect(r.top_paths.map((p) => [p.path, p.conversions, p.value])).toEqual([
      [['Email', 'Email', 'Paid Search', 'Direct'], 1, 100],
      [['Direct'], 1, 50],
    ]);
    expect(r.time_to_conversion.filter((b) => b.conversions > 0)).toEqual([
      { bucket: 'no touchpoint', conversions: 1, value: 50 },
      { bucket: '4–7 days', conversions: 1, value: 100 },
    ]);
    // Markov sees the two non-converting journeys: Email is on a path that never converts.
    const markov = (await credit({ model: 'markov' })).markov!;
    expect(Object.values(markov).reduce((a, b) => a + b, 0)).toBeCloseTo(150, 3);
  });

  it('a bad collapse value is named', () => {
    expect(parseAttributionParams({ from: '2026-05-14', to: '2026-05-20', collapse: 'maybe' })).toEqual({
      errors: [{ field: 'collapse', reason: 'must be true or false' }],
    });
  });
});
