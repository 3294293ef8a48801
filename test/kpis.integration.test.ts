import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_INPUTS, type KpiInputs } from '../src/core/kpis.js';
import {
  DEFAULT_MODEL_SETTINGS,
  DIMENSIONS,
  parseCohortParams,
  parseKpiParams,
  type Dimension,
} from '../src/core/report-params.js';
import { cohortReport } from '../src/services/reports/cohorts.js';
import {
  attributionPathsReport,
  attributionReport,
  parseAttributionParams,
} from '../src/services/attribution/report.js';
import { kpiReport, type KpiReport } from '../src/services/reports/kpis.js';
import { openAppStore } from '../src/store/app/index.js';
import { openEventStore } from '../src/store/events/index.js';
import type { TouchpointRow } from '../src/core/records.js';
import type { AppStore, EventStore, KpiFactQuery, KpiFactRow, Workspace } from '../src/store/ports.js';
import { conversion, cost, touchpoint } from './fixtures/rows.js';

/**
 * Known answers for the KPI engine on a small dataset worked out by hand (the figures in the
 * comments), on the real embedded engines. Workspace: EUR, Europe/Brussels (UTC+2 in April),
 * default margin 50 %. 1 USD = 0.90 EUR from 2026-03-01; no GBP rate.
 */
let app: AppStore;
let events: EventStore;
let ws: Workspace;
const utc = (s: string) => Date.parse(`${s}Z`);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdm-kpi-'));
  app = await openAppStore({ dataDir: dir });
  await app.migrate();
  events = await openEventStore({ dataDir: dir });
  ws = await app.createWorkspace({ name: 'kpi', base_currency: 'EUR', time_zone: 'Europe/Brussels' });
  ws = await app.updateWorkspace(ws.id, { default_margin: 0.5 });
  const W = ws.id;
  await events.setFxRates(W, [{ currency: 'USD', date: '2026-03-01', rate: '0.9' }]);
  await events.insertCosts([
    // Paid Search: 100 EUR, 10,000 impressions, 500 clicks, platform says 10 conversions worth 400.
    cost({
      workspace_id: W,
      date: '2026-04-01',
      campaign: 'Brand  NL ',
      amount: '100',
      impressions: 10000,
      clicks: 500,
      platform_conversions: 10,
      platform_conversion_value: '400',
    }),
    // Paid Social: 50 USD = 45 EUR.
    cost({
      workspace_id: W,
      date: '2026-04-01',
      platform: 'meta',
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      campaign: 'Spring',
      amount: '50',
      currency: 'USD',
      impressions: 5000,
      clicks: 100,
      platform_conversions: 0,
      platform_conversion_value: '0',
    }),
    // An influencer fee: 200 EUR, no platform figures.
    cost({
      workspace_id: W,
      date: '2026-04-02',
      cost_type: 'influencer_fee',
      platform: '',
      channel: 'Influencer',
      source: '',
      medium: '',
      campaign: '',
      amount: '200',
      impressions: 0,
      clicks: 0,
      platform_conversions: 0,
      platform_conversion_value: '0',
    }),
    // 10 GBP with no rate: left out and reported.
    cost({
      workspace_id: W,
      date: '2026-04-02',
      cost_type: 'agency_fee',
      platform: '',
      channel: '',
      campaign: '',
      amount: '10',
      currency: 'GBP',
      impressions: 0,
      clicks: 0,
      platform_conversions: 0,
      platform_conversion_value: '0',
    }),
    // The day before the period (the comparison's cost).
    cost({
      workspace_id: W,
      date: '2026-03-31',
      campaign: 'Brand NL',
      amount: '70',
      impressions: 0,
      clicks: 0,
      platform_conversions: 0,
      platform_conversion_value: '0',
    }),
  ]);
  await events.insertTouchpoints([
    // 23:30 UTC on 31 March is 01:30 on 1 April in Brussels: an April visit.
    touchpoint({
      workspace_id: W,
      event_id: 't1',
      visitor_id: 'v1',
      ts: utc('2026-03-31T23:30:00'),
      utm_campaign: 'brand nl',
    }),
    touchpoint({
      workspace_id: W,
      event_id: 't2',
      visitor_id: 'v1',
      ts: utc('2026-04-01T09:00:00'),
      channel: 'Direct',
      source: '(direct)',
      medium: '(none)',
      utm_source: '',
      utm_medium: '',
      utm_campaign: '',
      click_ids: {},
    }),
    touchpoint({
      workspace_id: W,
      event_id: 't3',
      visitor_id: 'v2',
      ts: utc('2026-04-01T12:00:00'),
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      utm_campaign: 'spring',
      device: 'mobile',
      country: 'NL',
    }),
    touchpoint({
      workspace_id: W,
      event_id: 't4',
      visitor_id: 'v2',
      ts: utc('2026-04-01T12:05:00'),
      type: 'add_to_cart',
      touch: 0,
      channel: 'Direct',
      source: '(direct)',
      medium: '(none)',
      utm_campaign: '',
      device: 'mobile',
      country: 'NL',
    }),
    touchpoint({
      workspace_id: W,
      event_id: 't5',
      visitor_id: 'v3',
      ts: utc('2026-04-02T08:00:00'),
      channel: 'Email',
      source: 'newsletter',
      medium: 'email',
      utm_campaign: 'april',
    }),
    // 10:00 UTC on 31 March: a March visit (previous period).
    touchpoint({ workspace_id: W, event_id: 't6', visitor_id: 'v4', ts: utc('2026-03-31T10:00:00') }),
    // A bot: never a visit nor a path step.
    touchpoint({
      workspace_id: W,
      event_id: 't7',
      visitor_id: 'v5',
      ts: utc('2026-04-01T11:00:00'),
      is_bot: 1,
    }),
    // Another workspace's data never shows.
    touchpoint({ workspace_id: 'other', event_id: 't1', visitor_id: 'v1', ts: utc('2026-04-01T11:00:00') }),
  ]);
  // v1 is customer cust-1: their touches and c6 (same customer, no visitor id) stitch together. The
  // collector writes such a link for every conversion that carries both ids; so does this test.
  await events.insertIdentities(
    [
      ['v1', 'cust-1'],
      ['v2', 'cust-2'],
      ['v3', 'cust-3'],
    ].map(([visitor_id, customer_id]) => ({
      workspace_id: W,
      visitor_id: visitor_id!,
      customer_id: customer_id!,
      ts: utc('2026-04-01T10:00:00'),
    })),
  );
  const conv = (id: string, over: Parameters<typeof conversion>[0] extends infer T ? Partial<T> : never) =>
    conversion({ workspace_id: W, conversion_id: id, ...over });
  await events.writeConversions(
    [
      // 100 EUR, no margin of its own (→ 50 %), path Paid Search → Direct.
      conv('c1', { visitor_id: 'v1', customer_id: 'cust-1', ts: utc('2026-04-01T10:00:00'), value: '100' }),
      // 50 USD = 45 EUR, margin 40 %, path Paid Social.
      conv('c2', {
        visitor_id: 'v2',
        customer_id: 'cust-2',
        ts: utc('2026-04-01T13:00:00'),
        value: '50',
        currency: 'USD',
        margin: 0.4,
      }),
      // Refunded in full: neither a conversion nor revenue. First written completed, then refunded.
      conv('c3', { visitor_id: 'v3', customer_id: 'cust-3', ts: utc('2026-04-02T09:00:00'), value: '80' }),
      conv('c3', {
        visitor_id: 'v3',
        customer_id: 'cust-3',
        ts: utc('2026-04-02T09:00:00'),
        value: '80',
        status: 'refunded',
        refunded_value: '80',
        version: 2,
      }),
      // A lead without value, path Email.
      conv('c4', {
        type: 'lead',
        visitor_id: 'v3',
        customer_id: '',
        ts: utc('2026-04-02T08:30:00'),
        value: '0',
      }),
      // No touch at all: Direct; the shop says returning customer.
      conv('c5', {
        visitor_id: '',
        customer_id: 'cust-9',
        ts: utc('2026-04-02T15:00:00'),
        value: '30',
        new_customer: 0,
      }),
      // cust-1 again (no visitor id): 20 EUR, 5 refunded → 15; a returning customer.
      conv('c6', {
        visitor_id: '',
        customer_id: 'cust-1',
        ts: utc('2026-04-02T10:00:00'),
        value: '20',
        status: 'refunded',
        refunded_value: '5',
      }),
    ],
    [],
  );
}, 60_000);

afterAll(async () => {
  await events?.close();
  await app?.close();
});

async function report(q: Record<string, unknown>): Promise<KpiReport> {
  const parsed = parseKpiParams({ from: '2026-04-01', to: '2026-04-02', ...q });
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  return kpiReport({ app, events }, ws, parsed.params);
}
const byKey = (r: KpiReport, dim: string) =>
  Object.fromEntries(r.rows.map((row) => [row[dim] as string, row]));

describe('KPI engine on a hand-computed dataset', () => {
  it('totals: cost in EUR (USD converted, GBP left out and reported), revenue net of refunds', async () => {
    const r = await report({ compare: 'previous' });
    expect(r.totals).toMatchObject({
      cost: 345, // 100 + 45 + 200
      impressions: 15000,
      clicks: 600,
      visits: 4, // t1 (1 April local), t2, t3, t5; not the bot, not v4 on 31 March
      add_to_carts: 1,
      conversions: 5, // c1 c2 c4 c5 c6 (c3 fully refunded)
      orders: 4,
      leads: 1,
      revenue: 190, // 100 + 45 + 30 + 15
      all_revenue: 190,
      mer: 0.550725, // 190 / 345
      roas: 0.550725,
      aov: 47.5, // 190 / 4
      gross_profit: 90.5, // 50 + 18 + 15 + 7.5 (+ 0 for the lead)
      roi: -0.737681, // (90.5 − 345) / 345
      poas: 0.262319, // 90.5 / 345
      break_even_roas: 2.099448, // 190 / 90.5
      new_customers: 2, // c1 (cust-1's first purchase), c2 (cust-2's first)
      cac: 172.5,
      cpa: 69, // 345 / 5
      cpl: 345,
      ctr: 0.04, // 600 / 15000
      cpc: 0.575,
      cpm: 23,
      cvr: 0.008333, // 5 / 600
      cvr_visits: 1.25,
      cart_abandonment: -3, // 1 − 4 orders / 1 add-to-cart: orders here don't all come through the cart
      platform_conversions: 10,
      platform_conversion_value: 400,
    });
    // c4's person (v3) bought only c3, refunded in full: no lead won (asked by name: not a default KPI).
    expect((await report({ metrics: 'leads,lead_to_customer_rate' })).totals).toEqual({
      leads: 1,
      lead_to_customer_rate: 0,
    });
    expect(r.missing_rates).toEqual([
      {
        kind: 'cost',
        currency: 'GBP',
        first_date: '2026-04-02',
        last_date: '2026-04-02',
        rows: 1,
        amount: 10,
      },
    ]);
    // Previous period 30–31 March: 70 EUR of cost and v4's visit.
    expect(r.comparison).toMatchObject({ kind: 'previous', from: '2026-03-30', to: '2026-03-31' });
    expect(r.comparison!.totals).toMatchObject({ cost: 70, visits: 1, revenue: 0, roas: 0, cpa: null });
    expect(r.comparison!.change.cost).toEqual({ absolute: 275, relative: 3.928571 });
    expect(r.comparison!.change.cpa).toEqual({ absolute: null, relative: null });
  });

  it('by channel, last non-direct click (the default)', async () => {
    const r = await report({ by: 'channel' });
    const c = byKey(r, 'channel');
    expect(Object.keys(c).sort()).toEqual(['Direct', 'Email', 'Influencer', 'Paid Search', 'Paid Social']);
    expect(c['Paid Search']).toMatchObject({
      cost: 100,
      impressions: 10000,
      clicks: 500,
      visits: 1,
      conversions: 2,
      orders: 2,
      revenue: 115,
      gross_profit: 57.5,
      new_customers: 1,
      ctr: 0.05,
      cpc: 0.2,
      cpm: 10,
      cvr: 0.004,
      cvr_visits: 2,
      cpa: 50,
      roas: 1.15,
      aov: 57.5,
      roi: -0.425,
      poas: 0.575,
      break_even_roas: 2,
      cac: 100,
      mer: null, // MER is blended: never per channel
    });
    expect(c['Paid Social']).toMatchObject({
      cost: 45,
      revenue: 45,
      gross_profit: 18,
      roas: 1,
      cpa: 45,
      cac: 45,
      break_even_roas: 2.5,
      ctr: 0.02,
      cpm: 9,
    });
    expect(c['Influencer']).toMatchObject({
      cost: 200,
      conversions: 0,
      revenue: 0,
      roas: 0,
      cpa: null,
      cpc: null,
      ctr: null,
    });
    expect(c['Email']).toMatchObject({
      cost: 0,
      visits: 1,
      conversions: 1,
      leads: 1,
      revenue: 0,
      roas: null,
      cpl: 0,
    });
    expect(c['Direct']).toMatchObject({
      visits: 1,
      add_to_carts: 1,
      conversions: 1,
      revenue: 30,
      cart_abandonment: 0,
    });
    // The agency fee in GBP has no rate: it is missing, not converted 1:1, and has no row of its own.
    expect(c['(not set)']).toBeUndefined();
  });

  it('linear credit splits c1 and c6 between Paid Search and Direct', async () => {
    const r = await report({ by: 'channel', model: 'linear' });
    const c = byKey(r, 'channel');
    expect(c['Paid Search']).toMatchObject({ conversions: 1, revenue: 57.5 }); // ½·100 + ½·15
    expect(c['Direct']).toMatchObject({ conversions: 2, revenue: 87.5 }); // ½·100 + ½·15 + 30
    expect(r.totals).toMatchObject({ conversions: 5, revenue: 190 });
  });

  it('days in the workspace time zone: 23:30 UTC on 31 March counts on 1 April', async () => {
    const r = await report({ grain: 'day' });
    expect(r.rows.map((x) => [x.period, x.cost, x.visits, x.conversions, x.revenue])).toEqual([
      ['2026-04-01', 145, 3, 2, 145],
      ['2026-04-02', 200, 1, 3, 45],
    ]);
    const march = await report({ from: '2026-03-31', to: '2026-03-31' });
    expect(march.totals).toMatchObject({ visits: 1, cost: 70 });
  });

  it('campaign names from cost files and UTM tags meet once normalised', async () => {
    const r = await report({ by: 'campaign', metrics: 'cost,visits,revenue,roas' });
    const c = byKey(r, 'campaign');
    expect(c['brand nl']).toEqual({ campaign: 'brand nl', cost: 100, visits: 1, revenue: 115, roas: 1.15 });
    expect(c['spring']).toEqual({ campaign: 'spring', cost: 45, visits: 1, revenue: 45, roas: 1 });
  });

  it('filters, new vs returning, conversion types', async () => {
    const ps = await report({ filter: 'channel:Paid Search' });
    expect(ps.totals).toMatchObject({ cost: 100, revenue: 115, mer: null });
    const ct = byKey(await report({ by: 'customer_type', metrics: 'orders,revenue' }), 'customer_type');
    expect(ct['new']).toMatchObject({ orders: 2, revenue: 145 });
    expect(ct['returning']).toMatchObject({ orders: 2, revenue: 45 });
    const types = byKey(
      await report({ by: 'conversion_type', metrics: 'conversions,leads' }),
      'conversion_type',
    );
    expect(types['lead']).toMatchObject({ conversions: 1, leads: 1 });
    expect(types['purchase']).toMatchObject({ conversions: 4 });
  });

  it('never NaN or Infinity, whatever the breakdown', async () => {
    const r = await report({ by: 'device,country', grain: 'week' });
    for (const row of [...r.rows, r.totals])
      for (const v of Object.values(row)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });
});

describe('rule-based models in the engine, worked by hand on one 4-touch path', () => {
  // One purchase of 100 EUR at 12:00 UTC on 20 April. Touches (visitor m1): Email 14 days before,
  // Paid Social 7 days before, Paid Search 1 day before, Direct at the conversion. Outside the
  // windows: a Display impression 2 days before (views count 1 day) and an Affiliate click 31 days
  // before (clicks count 30 days).
  let wsM: Workspace;
  const conv = utc('2026-04-20T12:00:00');
  const day = 86_400_000;
  beforeAll(async () => {
    wsM = await app.createWorkspace({ name: 'models', base_currency: 'EUR', time_zone: 'UTC' });
    const W = wsM.id;
    const tp = (
      event_id: string,
      ts: number,
      channel: TouchpointRow['channel'],
      type: TouchpointRow['type'] = 'pageview',
    ) =>
      touchpoint({
        workspace_id: W,
        event_id,
        visitor_id: 'm1',
        ts,
        channel,
        type,
        source: channel.toLowerCase(),
        utm_campaign: '',
      });
    await events.insertTouchpoints([
      tp('a', conv - 31 * day, 'Affiliate'),
      tp('b', conv - 14 * day, 'Email'),
      tp('c', conv - 7 * day, 'Paid Social'),
      tp('d', conv - 2 * day, 'Display', 'impression'),
      tp('e', conv - 1 * day, 'Paid Search'),
      tp('f', conv, 'Direct'),
    ]);
    await events.writeConversions(
      [
        conversion({
          workspace_id: W,
          conversion_id: 'm',
          visitor_id: 'm1',
          customer_id: '',
          ts: conv,
          value: '100',
        }),
      ],
      [],
    );
  });
  const credit = async (q: Record<string, unknown>) => {
    const parsed = parseKpiParams({
      from: '2026-04-20',
      to: '2026-04-20',
      by: 'channel',
      metrics: 'revenue',
      ...q,
    });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    const r = await kpiReport({ app, events }, wsM, parsed.params);
    return Object.fromEntries(r.rows.filter((x) => x.revenue !== 0).map((x) => [x.channel, x.revenue]));
  };
  it.each([
    ['first_click', {}, { Email: 100 }],
    ['last_click', {}, { Direct: 100 }],
    ['last_non_direct', {}, { 'Paid Search': 100 }],
    ['linear', {}, { Email: 25, 'Paid Social': 25, 'Paid Search': 25, Direct: 25 }],
    ['position_based', {}, { Email: 40, 'Paid Social': 10, 'Paid Search': 10, Direct: 40 }],
    [
      'position_based',
      { first_share: 0.3, last_share: 0.5 },
      { Email: 30, 'Paid Social': 10, 'Paid Search': 10, Direct: 50 },
    ],
    // w ∝ 2^(−Δt/7d): 2^−2, 2^−1, 2^(−1/7), 1 (sum 2.6557237) → 9.4136, 18.8273, 34.1046, 37.6545.
    ['time_decay', {}, { Email: 9.4136, 'Paid Social': 18.8273, 'Paid Search': 34.1046, Direct: 37.6545 }],
    // Half-life 1 day: 2^−14, 2^−7, 2^−1, 1 (sum 1.5078735) → 0.0040, 0.5181, 33.1593, 66.3186.
    [
      'time_decay',
      { half_life: 1 },
      { Email: 0.004, 'Paid Social': 0.5181, 'Paid Search': 33.1593, Direct: 66.3186 },
    ],
  ] as const)('%s %j', async (model, extra, expected) => {
    const got = await credit({ model, ...extra });
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [ch, v] of Object.entries(expected)) expect(got[ch]).toBeCloseTo(v, 3);
  });
  it('GET /v1/attribution logic: eight models side by side; Markov and Shapley split one path evenly', async () => {
    const parsed = parseAttributionParams({ from: '2026-04-20', to: '2026-04-20', model: 'all' });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    const r = await attributionReport({ app, events }, wsM, parsed.params);
    expect(Object.keys(r.models).sort()).toEqual(
      [
        'first_click',
        'last_click',
        'last_non_direct',
        'linear',
        'markov',
        'position_based',
        'shapley',
        'time_decay',
      ].sort(),
    );
    const credit = (m: string) =>
      Object.fromEntries(r.models[m as 'linear']!.channels.map((c) => [c.channel, [c.conversions, c.value]]));
    expect(credit('first_click')).toEqual({ Email: [1, 100] });
    expect(credit('position_based')).toEqual({
      Email: [0.4, 40],
      Direct: [0.4, 40],
      'Paid Social': [0.1, 10],
      'Paid Search': [0.1, 10],
    });
    // One journey, no non-converting ones: removing any channel loses it → equal removal effects;
    // only the full coalition converts → equal Shapley values. Each channel: ¼.
    for (const m of ['markov', 'shapley'])
      expect(credit(m)).toEqual({
        Email: [0.25, 25],
        'Paid Social': [0.25, 25],
        'Paid Search': [0.25, 25],
        Direct: [0.25, 25],
      });
    const paths = await attributionPathsReport({ app, events }, wsM, parsed.params);
    expect(paths.top_paths[0]).toMatchObject({
      path: ['Email', 'Paid Social', 'Paid Search', 'Direct'],
      conversions: 1,
      value: 100,
    });
    expect(paths.time_to_conversion.find((b) => b.conversions > 0)).toEqual({
      bucket: '8–14 days',
      conversions: 1,
      value: 100,
    });
    expect(
      parseAttributionParams({
        from: '2026-04-20',
        to: '2026-04-20',
        model: 'magic',
        order: '5',
        half_life: '0',
      }),
    ).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'model' })]),
    });
  });

  it('models side by side after a one-model report: no model credited twice', async () => {
    // A second conversion of m1 a day later; one KPI report credits it under last non-direct only,
    // then the eight-model report credits the other models. Each model must hand out exactly one
    // conversion worth 100 (before the fix, last non-direct was stored again: 2 and 200).
    await events.writeConversions(
      [
        conversion({
          workspace_id: wsM.id,
          conversion_id: 'm-next',
          visitor_id: 'm1',
          customer_id: '',
          ts: conv + day,
          value: '100',
        }),
      ],
      [],
    );
    expect(await credit({ from: '2026-04-21', to: '2026-04-21', model: 'last_non_direct' })).toEqual({
      'Paid Search': 100,
    });
    const parsed = parseAttributionParams({ from: '2026-04-21', to: '2026-04-21', model: 'all' });
    if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
    const r = await attributionReport({ app, events }, wsM, parsed.params);
    for (const [m, v] of Object.entries(r.models)) {
      const sum = (k: 'conversions' | 'value') => v.channels.reduce((a, c) => a + c[k], 0);
      // Each channel's figure is rounded (4 decimals for conversions, cents for value): sums of
      // four channels are within 5e-4 and 0.05.
      expect(sum('conversions'), m).toBeCloseTo(1, 3);
      expect(sum('value'), m).toBeCloseTo(100, 1);
    }
    expect(await credit({ from: '2026-04-21', to: '2026-04-21', model: 'last_non_direct' })).toEqual({
      'Paid Search': 100,
    });
  });

  it('a lookback of 31 days takes the affiliate click in', async () => {
    expect(await credit({ model: 'first_click', lookback: 31 })).toEqual({ Affiliate: 100 });
  });
});

describe('property: additive inputs over any breakdown sum to the total', () => {
  const additive = KPI_INPUTS.filter(
    (k) => k !== 'all_revenue' && k !== 'unmargined_revenue' && k !== 'order_revenue',
  ) as (keyof KpiInputs)[];
  it('holds for random breakdowns, grains and models', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...DIMENSIONS] as Dimension[], { minLength: 1, maxLength: 3 }),
        fc.constantFrom('day', 'week', 'month', ''),
        fc.constantFrom('last_non_direct', 'linear', 'position_based', 'time_decay', 'first_click'),
        async (dims, grain, model) => {
          const total = await report({ model, metrics: additive.join(',') });
          const split = await report({ by: dims.join(','), grain, model, metrics: additive.join(',') });
          for (const k of additive) {
            const sum = split.rows.reduce((s, row) => s + Number(row[k] ?? 0), 0);
            expect(sum).toBeCloseTo(Number(total.totals[k]), 3);
          }
        },
      ),
      { numRuns: 12, seed: 42 },
    );
  }, 120_000);
});

describe('a period and the one before it in one pass (KpiFactQuery.splitAt)', () => {
  // 1 April 2026 is a Wednesday: weeks straddle the split. 31 March holds a cost of 70 and t1
  // (local 1 April) a visit; 2 April the GBP cost without a rate (a missing rate of the later part).
  const base = (over: Partial<KpiFactQuery>): KpiFactQuery => ({
    from: '2026-03-25',
    to: '2026-04-03',
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    by: [],
    grain: null,
    filters: [],
    attribution: DEFAULT_MODEL_SETTINGS,
    defaultMargin: ws.default_margin,
    undoneImports: [],
    campaignMappings: [],
    allRevenue: false,
    ...over,
  });
  const norm = (f: { rows: KpiFactRow[]; missing_rates: unknown[] }) => ({
    rows: f.rows
      .map((r) => ({
        ...r,
        inputs: Object.fromEntries(
          Object.entries(r.inputs).map(([k, v]) => [k, v === null ? null : Math.round(v * 1e9) / 1e9]),
        ),
      }))
      .sort((a, b) => JSON.stringify([a.period, a.dims]).localeCompare(JSON.stringify([b.period, b.dims]))),
    missing_rates: f.missing_rates,
  });
  it.each([
    { grain: null, by: [], allRevenue: true },
    { grain: 'day', by: ['channel'] },
    { grain: 'week', by: ['campaign'] },
    { grain: 'month', by: ['channel', 'device'], leadsWon: true },
  ] as Array<Partial<KpiFactQuery>>)('equals two queries: %o', async (over) => {
    const both = await events.kpiFacts(ws.id, base({ ...over, splitAt: '2026-04-01' }));
    const before = await events.kpiFacts(ws.id, base({ ...over, to: '2026-03-31' }));
    const after = await events.kpiFacts(ws.id, base({ ...over, from: '2026-04-01' }));
    expect(norm(both)).toEqual(norm(after));
    expect(norm(both.before!)).toEqual(norm(before));
    expect(both.rows.length).toBeGreaterThan(0);
    expect(both.before!.rows.length).toBeGreaterThan(0);
  });
});

describe('cohorts on the hand-computed dataset', () => {
  // April 2026 cohort, seen from mid-June (3 observed months): cust-1 (c1 100 + c6 15), cust-2
  // (c2 45) and cust-9 (c5 30) → 3 customers, €190 revenue, €90.50 gross profit, April cost €345.
  const asOf = utc('2026-06-15T12:00:00');
  it('all channels', async () => {
    const parsed = parseCohortParams({ from: '2026-04', to: '2026-04' });
    if ('errors' in parsed) throw new Error('bad params');
    const r = await cohortReport({ app, events }, ws, parsed.params, asOf);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      cohort: '2026-04',
      customers: 3,
      cost: 345,
      cac: 115,
      clv_revenue: { 3: 63.3333, 6: null, 12: null },
      clv_gross_profit: { 3: 30.1667, 6: null, 12: null },
      ltv_cac: { 3: 0.262319, 6: null, 12: null },
      payback_month: null,
    });
    expect(r.rows[0]!.months.map((m) => m.revenue)).toEqual([190, 0, 0]);
  });
  it('by first-touch channel: cust-1 came through Paid Search, cust-2 Paid Social, cust-9 Direct', async () => {
    const parsed = parseCohortParams({ from: '2026-04-01', to: '2026-04-30', by: 'channel' });
    if ('errors' in parsed) throw new Error('bad params');
    const r = await cohortReport({ app, events }, ws, parsed.params, asOf);
    const c = Object.fromEntries(r.rows.map((x) => [x.channel, x]));
    expect(c['Paid Search']).toMatchObject({
      customers: 1,
      cost: 100,
      cac: 100,
      clv_gross_profit: { 3: 57.5 },
    });
    expect(c['Paid Social']).toMatchObject({ customers: 1, cost: 45, cac: 45, clv_revenue: { 3: 45 } });
    expect(c['Direct']).toMatchObject({ customers: 1, cost: 0, cac: 0, ltv_cac: { 3: null } });
  });
  it('bad parameters', () => {
    expect(parseCohortParams({ from: '2026-4', to: '2026-04' })).toMatchObject({
      errors: [{ field: 'from' }],
    });
    expect(parseCohortParams({ from: '2026-05', to: '2026-04' })).toMatchObject({
      errors: [{ field: 'from' }],
    });
    expect(parseCohortParams({ from: '2026-04', to: '2026-04', by: 'device' })).toMatchObject({
      errors: [{ field: 'by', reason: 'must be empty or channel' }],
    });
  });
});

describe('stored credit follows the conversions', () => {
  it('a refund after a report changes revenue at once; a new conversion is credited on the next report', async () => {
    const before = await report({ by: 'channel', metrics: 'conversions,revenue' });
    expect(byKey(before, 'channel')['Paid Social']).toMatchObject({ conversions: 1, revenue: 45 });
    // Versions are receive times in µs (as the collector writes them): newer than every build.
    const now = Date.now() * 1000;
    await events.writeConversions(
      [
        conversion({
          workspace_id: ws.id,
          conversion_id: 'c2',
          visitor_id: 'v2',
          customer_id: 'cust-2',
          ts: utc('2026-04-01T13:00:00'),
          value: '50',
          currency: 'USD',
          margin: 0.4,
          status: 'refunded',
          refunded_value: '50',
          version: now,
        }),
        conversion({
          workspace_id: ws.id,
          conversion_id: 'c7',
          visitor_id: 'v3',
          customer_id: 'cust-3',
          ts: utc('2026-04-02T12:00:00'),
          value: '10',
          version: now,
        }),
      ],
      [],
    );
    const after = await report({ by: 'channel', metrics: 'conversions,revenue' });
    expect(byKey(after, 'channel')['Paid Social']).toMatchObject({ conversions: 0, revenue: 0 });
    expect(byKey(after, 'channel')['Email']).toMatchObject({ conversions: 2, revenue: 10 });
    // c7 is v3's purchase 3½ hours after the lead c4: the lead is won.
    const won = await report({ metrics: 'leads,lead_to_customer_rate' });
    expect(won.totals).toEqual({ leads: 1, lead_to_customer_rate: 1 });
    const tooLate = await report({ metrics: 'lead_to_customer_rate', lead_window: '1' });
    expect(tooLate.totals.lead_to_customer_rate).toBe(1); // within a day too
  });
  it('a conversion moved to another day leaves the first day too', async () => {
    const before = await report({ grain: 'day', metrics: 'revenue' });
    const day = (r: KpiReport, d: string) => r.rows.find((x) => x.period === d)?.revenue;
    const [apr1, apr2] = [day(before, '2026-04-01'), day(before, '2026-04-02')] as [number, number];
    await events.writeConversions(
      [
        conversion({
          workspace_id: ws.id,
          conversion_id: 'c5',
          visitor_id: '',
          customer_id: 'cust-9',
          ts: utc('2026-04-01T15:00:00'),
          value: '30',
          new_customer: 0,
          version: Date.now() * 1000,
        }),
      ],
      [],
    );
    const after = await report({ grain: 'day', metrics: 'revenue' });
    expect(day(after, '2026-04-01')).toBeCloseTo(apr1 + 30, 4);
    expect(day(after, '2026-04-02')).toBeCloseTo(apr2 - 30, 4);
  });
});
