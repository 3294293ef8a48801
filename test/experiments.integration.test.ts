import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/core/periods.js';
import { localDate } from '../src/core/time.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import { detectFatigue } from '../src/stats/index.js';
import { tempConfig } from './helpers.js';

/** Yesterday in Brussels: recent enough for the collector's clock checks whatever the date. */
const DAY = localDate(Date.now() - 86_400_000, 'Europe/Brussels');
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const cfg = tempConfig();
let rt: Runtime;
let A: CreatedWorkspace;
let B: CreatedWorkspace;

beforeAll(async () => {
  rt = await openRuntime(cfg);
  const a = await createWorkspaceWithKeys(rt.app, {
    name: 'Shop A',
    time_zone: 'Europe/Brussels',
    locale: 'nl-BE',
  });
  const b = await createWorkspaceWithKeys(rt.app, { name: 'Shop B' });
  if ('error' in a || 'error' in b) throw new Error('workspace setup failed');
  A = a;
  B = b;
});
afterAll(async () => {
  await rt?.close();
});

async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  key: string,
  body?: unknown,
  ua = FIREFOX,
) {
  const res = await rt.server.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${key}`,
      'user-agent': ua,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

const exposure = (visitor: string, variant: string, time = '09:00:00') => ({
  type: 'pageview',
  event_id: `x-${visitor}-${variant}-${time}`,
  visitor_id: visitor,
  timestamp: `${DAY}T${time}Z`,
  url: 'https://shop.be/',
  experiment: 'hero',
  variant,
});
const purchase = (id: string, visitor: string, value: number, at = `${DAY}T21:00:00Z`) => ({
  id,
  type: 'purchase',
  visitor_id: visitor,
  timestamp: at,
  value,
  currency: 'EUR',
});

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/**
 * The seeded A/B (hand-counted): control c0…c59 (c0…c9 on Chrome, the rest on Firefox), photo
 * p0…p99 (p0…p49 on Chrome, the rest on Firefox) — the Chrome split 10:50 is the skew the SRM
 * breakdown must find, while the overall 60:100 stays above the 0.001 threshold. c0 also sees
 * photo later (a crossover, kept in control). Purchases after exposure: control c0 40 + 30 (two
 * orders), c1 50, c2 60, c3 40, c4 50, c5 60 → 6 converters, 7 orders, €330; photo p0…p19, €50
 * for even and €70 for odd numbers → 20 converters, 20 orders, €1,200. Before exposure (the CUPED
 * covariate): c1 €100 five days before, p1 €80 five days before, p2 €20 three days before, p3 €10
 * on the day two hours before exposure. x1 buys without ever being exposed (not counted).
 */
async function seedAb() {
  const chrome = [
    ...range('c', 0, 10).map((v) => exposure(v, 'control')),
    ...range('p', 0, 50).map((v) => exposure(v, 'photo')),
  ];
  const firefox = [
    ...range('c', 10, 60).map((v) => exposure(v, 'control')),
    ...range('p', 50, 100).map((v) => exposure(v, 'photo')),
  ];
  expect((await call('POST', '/v1/events', A.write_key, { events: chrome }, CHROME)).status).toBe(202);
  expect((await call('POST', '/v1/events', A.write_key, { events: firefox })).status).toBe(202);
  expect(
    (await call('POST', '/v1/events', A.write_key, { events: [exposure('c0', 'photo', '20:00:00')] }, CHROME))
      .status,
  ).toBe(202);
  const conversions = [
    purchase('o-c0a', 'c0', 40),
    purchase('o-c0b', 'c0', 30, `${DAY}T22:00:00Z`),
    purchase('o-c1', 'c1', 50),
    purchase('o-c2', 'c2', 60),
    purchase('o-c3', 'c3', 40),
    purchase('o-c4', 'c4', 50),
    purchase('o-c5', 'c5', 60),
    ...range('p', 0, 20).map((v, i) => purchase(`o-${v}`, v, i % 2 === 0 ? 50 : 70)),
    purchase('pre-c1', 'c1', 100, `${addDays(DAY, -5)}T12:00:00Z`),
    purchase('pre-p1', 'p1', 80, `${addDays(DAY, -5)}T12:00:00Z`),
    purchase('pre-p2', 'p2', 20, `${addDays(DAY, -3)}T12:00:00Z`),
    purchase('pre-p3', 'p3', 10, `${DAY}T07:00:00Z`),
    purchase('o-x1', 'x1', 500),
  ];
  expect((await call('POST', '/v1/conversions', A.secret_key, { conversions })).status).toBe(202);
}

const hero = {
  name: 'Hero image',
  key: 'hero',
  hypothesis: 'A product photo sells better than the lifestyle shot',
  variants: [
    { name: 'control', allocation: 0.5 },
    { name: 'photo', allocation: 0.5 },
  ],
  primary_metric: 'conversion_rate',
  secondary_metrics: ['revenue_per_visitor'],
  guardrail_metrics: ['aov'],
  from: DAY,
};

describe('experiments', () => {
  it('results of an A/B from exposures and conversions match the hand counts and the reference statistics', async () => {
    await seedAb();
    const created = await call('POST', '/v1/experiments', A.secret_key, hero);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...hero, to: null, status: 'running', conversion_type: 'purchase' });
    const r = await call('GET', `/v1/experiments/${created.body.id}/results`, A.secret_key);
    expect(r.status).toBe(200);
    const [control, photo] = r.body.variants;
    expect(control).toMatchObject({
      variant: 'control',
      units: 60,
      conversions: 6,
      orders: 7,
      revenue: 330,
      crossovers: 1,
    });
    expect(photo).toMatchObject({
      variant: 'photo',
      units: 100,
      conversions: 20,
      orders: 20,
      revenue: 1200,
      crossovers: 0,
    });
    expect(r.body.metrics).toEqual([
      { name: 'conversion_rate', role: 'primary', analysed: true },
      { name: 'revenue_per_visitor', role: 'secondary', analysed: true },
      { name: 'aov', role: 'guardrail', analysed: true },
    ]);
    expect(r.body.cuped).toEqual({ applied: true, pre_days: 28 });

    // Reference values: statsmodels 0.14 test_proportions_2indep(20, 100, 6, 60, method='wald');
    // numpy CUPED on the per-unit arrays (θ = cov(y, x)/var(x) pooled, z on the adjusted means);
    // numpy delta-method AOV; statsmodels multipletests(method='holm'); scipy.stats.chisquare.
    // Tolerance 1e-9 relative (toBeCloseTo 9 digits on values of order 1).
    const cr = photo.metrics.conversion_rate;
    expect(cr.value).toBeCloseTo(0.2, 12);
    expect(cr.abs_lift).toBeCloseTo(0.1, 12);
    expect(cr.rel_lift).toBeCloseTo(1, 12);
    expect(cr.p_value).toBeCloseTo(0.0724860850868465, 9);
    const rpv = photo.metrics.revenue_per_visitor;
    expect(control.metrics.revenue_per_visitor.value).toBeCloseTo(5.280741287266438, 9);
    expect(rpv.value).toBeCloseTo(12.131555227640133, 9);
    expect(rpv.p_value).toBeCloseTo(0.028742704442518825, 9);
    expect(rpv.variance_reduction).toBeGreaterThan(0);
    const aov = photo.metrics.aov;
    expect(control.metrics.aov.value).toBeCloseTo(330 / 7, 9);
    expect(aov.value).toBeCloseTo(60, 9);
    expect(aov.p_value).toBeCloseTo(0.01097231242465088, 9);
    expect([cr.p_adjusted, rpv.p_adjusted, aov.p_adjusted].map((p: number) => Number(p.toFixed(8)))).toEqual([
      0.07248609, 0.05748541, 0.03291694,
    ]);
    expect(r.body.srm.chi_square).toBeCloseTo(10, 9);
    expect(r.body.srm_p_value).toBeCloseTo(0.001565402258002549, 9);
    expect(r.body.srm.mismatch).toBe(false);
    // Sequential and Bayesian answers come along, finite, and the always-valid p is the larger.
    expect(cr.sequential_p_value).toBeGreaterThanOrEqual(cr.p_value);
    expect(cr.chance_to_beat_control).toBeGreaterThan(0.9);
    // The workspace speaks Dutch.
    expect(r.body.verdicts.join(' ')).toContain('conversieratio');
    expect(JSON.stringify(r.body)).not.toMatch(/NaN|Infinity/);

    // The SRM breakdown points at Chrome: 10 control vs 50 photo, χ² = 26.67 (scipy chisquare).
    const top = r.body.srm_breakdown[0];
    expect(top).toMatchObject({
      dimension: 'browser',
      units: { control: 10, photo: 50 },
      mismatch: true,
    });
    expect(top.segment).toMatch(/chrome/i);
    // With two variants both residuals are ±(50 − 30)/√30; the first of a tie is named.
    expect(Math.abs(top.residual)).toBeCloseTo(20 / Math.sqrt(30), 9);
    expect(top.chi_square).toBeCloseTo(26.666666666666668, 9);
    expect(top.p_value).toBeCloseTo(2.4175638811190183e-7, 15);
    expect(r.body.srm_breakdown.filter((s: { mismatch: boolean }) => s.mismatch)).toHaveLength(1);

    // Without the covariate, revenue per visitor is Welch's t test (scipy ttest_ind equal_var=False).
    const plain = await call('GET', `/v1/experiments/${created.body.id}/results?pre_days=0`, A.secret_key);
    expect(plain.body.cuped.applied).toBe(false);
    expect(plain.body.variants[1].metrics.revenue_per_visitor.p_value).toBeCloseTo(0.049611083466102476, 9);

    // Workspace B sees neither the experiment nor its results.
    expect((await call('GET', `/v1/experiments/${created.body.id}/results`, B.secret_key)).status).toBe(404);
    expect((await call('GET', '/v1/experiments', B.secret_key)).body.experiments).toEqual([]);
  });

  it('stitches a person across devices through the customer id: one unit, in the variant seen first', async () => {
    const ev = (id: string, visitor: string, time: string, extra: Record<string, unknown>) => ({
      type: 'pageview',
      event_id: id,
      visitor_id: visitor,
      timestamp: `${DAY}T${time}Z`,
      url: 'https://shop.be/',
      ...extra,
    });
    // s1 (phone) sees b at 09:00 and logs in as cust1 at 09:30; s2 (laptop) logged in as cust1
    // sees a at 10:00; cust1 buys from a third device. s4 sees a and buys nothing.
    const events = [
      ev('st1', 's1', '09:00:00', { experiment: 'stitch', variant: 'b' }),
      ev('st2', 's1', '09:30:00', { customer_id: 'cust1' }),
      ev('st3', 's2', '10:00:00', { experiment: 'stitch', variant: 'a', customer_id: 'cust1' }),
      ev('st4', 's4', '10:00:00', { experiment: 'stitch', variant: 'a' }),
    ];
    expect((await call('POST', '/v1/events', A.write_key, { events })).status).toBe(202);
    const conversions = [{ ...purchase('st-o1', 's3', 100), customer_id: 'cust1' }];
    expect((await call('POST', '/v1/conversions', A.secret_key, { conversions })).status).toBe(202);
    const e = await call('POST', '/v1/experiments', A.secret_key, {
      name: 'Stitch',
      key: 'stitch',
      variants: [{ name: 'a' }, { name: 'b' }],
      secondary_metrics: ['revenue_per_visitor'],
      from: DAY,
    });
    const r = await call('GET', `/v1/experiments/${e.body.id}/results`, A.secret_key);
    expect(r.status).toBe(200);
    expect(
      r.body.variants.map((v: Record<string, unknown>) => [
        v.variant,
        v.units,
        v.conversions,
        v.revenue,
        v.crossovers,
      ]),
    ).toEqual([
      ['a', 1, 0, 0, 0],
      ['b', 1, 1, 100, 1],
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/NaN|Infinity/);
  });

  it('create, list, change, delete', async () => {
    const e = await call('POST', '/v1/experiments', A.secret_key, {
      name: 'CTA colour',
      variants: [{ name: 'blue' }, { name: 'green' }, { name: 'red' }],
      from: DAY,
    });
    expect(e.status).toBe(201);
    expect(e.body.key).toBe('CTA colour');
    expect(e.body.variants.map((v: { allocation: number }) => v.allocation)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const list = await call('GET', '/v1/experiments', A.secret_key);
    expect(list.body.experiments.map((x: { name: string }) => x.name)).toContain('CTA colour');
    const up = await call('PATCH', `/v1/experiments/${e.body.id}`, A.secret_key, {
      status: 'stopped',
      to: DAY,
    });
    expect(up.body).toMatchObject({ status: 'stopped', to: DAY, name: 'CTA colour' });
    const bad = await call('PATCH', `/v1/experiments/${e.body.id}`, A.secret_key, { to: addDays(DAY, -1) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('to');
    // Nothing exposed yet: only the split is reported, no metric throws, nothing is NaN.
    const none = await call('GET', `/v1/experiments/${e.body.id}/results`, A.secret_key);
    expect(none.status).toBe(200);
    expect(none.body.variants.map((v: { units: number }) => v.units)).toEqual([0, 0, 0]);
    expect(JSON.stringify(none.body)).not.toMatch(/NaN|Infinity/);
    expect((await call('DELETE', `/v1/experiments/${e.body.id}`, A.secret_key)).status).toBe(204);
    expect((await call('GET', `/v1/experiments/${e.body.id}`, A.secret_key)).status).toBe(404);
    expect((await call('DELETE', `/v1/experiments/${e.body.id}`, A.secret_key)).status).toBe(404);
  });

  it.each([
    ['a single variant', { variants: [{ name: 'only' }] }, 'variants', 'control and at least one variant'],
    [
      'allocations not summing to 1',
      {
        variants: [
          { name: 'a', allocation: 0.5 },
          { name: 'b', allocation: 0.4 },
        ],
      },
      'variants',
      'must sum to 1',
    ],
    ['end before start', { from: '2026-05-02', to: '2026-05-01' }, 'to', 'must not be before from'],
    ['an unknown metric', { primary_metric: 'vibes' }, 'primary_metric', 'must be one of'],
    ['a duplicate variant', { variants: [{ name: 'a' }, { name: 'a' }] }, 'variants.1.name', 'appears twice'],
    ['a bad date', { from: '2026-02-30' }, 'from', 'YYYY-MM-DD'],
  ])('400 for %s', async (_label, change, field, reason) => {
    const r = await call('POST', '/v1/experiments', A.secret_key, { ...hero, ...change });
    expect(r.status).toBe(400);
    const err = r.body.errors.find((x: { field: string }) => x.field === field);
    expect(err?.reason).toContain(reason);
  });

  it('404 for an unknown experiment', async () => {
    for (const [m, u] of [
      ['GET', '/v1/experiments/exp_nope'],
      ['GET', '/v1/experiments/exp_nope/results'],
      ['PATCH', '/v1/experiments/exp_nope'],
      ['DELETE', '/v1/experiments/exp_nope'],
    ] as const) {
      const r = await call(m, u, A.secret_key, m === 'PATCH' ? { name: 'x' } : undefined);
      expect(r.status, `${m} ${u}`).toBe(404);
      expect(r.body.message).toContain('exp_nope');
    }
  });
});

describe('POST /v1/experiments/analyze and GET /v1/experiments/plan', () => {
  it('analyzes aggregates like the CLI', async () => {
    const r = await call('POST', '/v1/experiments/analyze', A.secret_key, {
      variants: [
        { variant: 'A', units: 60, conversions: 6 },
        { variant: 'B', units: 100, conversions: 20 },
      ],
      locale: 'en',
    });
    expect(r.status).toBe(200);
    expect(r.body.variants[1].p_value).toBeCloseTo(0.0724860850868465, 9);
    expect(r.body.srm_p_value).toBeCloseTo(0.001565402258002549, 9);
    expect(r.body.verdicts[0]).toContain('conversion rate');
  });

  it.each([
    [
      {
        variants: [
          { variant: 'A', units: 10, conversions: 11 },
          { variant: 'B', units: 10, conversions: 1 },
        ],
      },
      'variants[0].conversions',
      'exceeds units',
    ],
    [
      {
        variants: [
          { variant: 'A', units: -1, conversions: 0 },
          { variant: 'B', units: 10, conversions: 1 },
        ],
      },
      'variants[0].units',
      '',
    ],
    [
      { variants: [{ variant: 'A', units: 10, conversions: 1 }] },
      'variants',
      'control and at least one variant',
    ],
    [
      {
        variants: [
          { variant: 'A', units: 10, conversions: 1 },
          { variant: 'B', units: 10, conversions: 2 },
        ],
        alpha: 1.5,
      },
      'alpha',
      '',
    ],
    [
      {
        variants: [
          { variant: 'A', units: 10, conversions: 1, value_sum: 50, value_sum_sq: 250 },
          { variant: 'B', units: 10, conversions: 1, value_sum: 50, value_sum_sq: 250 },
        ],
      },
      'value_sum_sq',
      'zero variance',
    ],
  ])('400 naming the field for %j', async (body, field, reason) => {
    const r = await call('POST', '/v1/experiments/analyze', A.secret_key, body);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe(field);
    expect(r.body.errors[0].reason).toContain(reason);
  });

  it('plans like `rendement experiment plan`', async () => {
    // statsmodels NormalIndPower on Cohen's h for 5% → 5.5%, alpha 0.05, power 0.8 (the planner's
    // own tests hold the derivation): the API must give the planner's figure and the duration.
    const r = await call(
      'GET',
      '/v1/experiments/plan?baseline=0.05&mde=0.1&daily_traffic=1000&days=14',
      A.secret_key,
    );
    expect(r.status).toBe(200);
    const { planExperiment } = await import('../src/services/experiments/plan.js');
    expect(r.body).toEqual({
      ...planExperiment({ baseline: 0.05, mde: 0.1, dailyTraffic: 1000, days: 14 }),
      daily_traffic_source: 'given',
    });
    // Without a daily traffic: the workspace's distinct visitors of the last 28 days — the 160 of
    // the A/B and s1, s2, s4 of the stitching test (this file's tests run in order).
    const ws = await call('GET', '/v1/experiments/plan?baseline=0.05&mde=0.1', A.secret_key);
    expect(ws.body.daily_traffic).toBeCloseTo(163 / 28, 12);
    expect(ws.body.daily_traffic_source).toBe('workspace_visitors_last_28_days');
    expect(ws.body.duration_days).toBe(Math.ceil(ws.body.total_sample_size / (163 / 28)));
    expect(r.body.sample_size_per_variant).toBeGreaterThan(30_000);
    const bad = await call('GET', '/v1/experiments/plan?baseline=0.05&mde=0.1&alpha=2', A.secret_key);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('alpha');
    const missing = await call('GET', '/v1/experiments/plan?mde=0.1', A.secret_key);
    expect(missing.body.errors[0]).toEqual({ field: 'baseline', reason: 'is required' });
  });
});

describe('POST /v1/experiments/factorial', () => {
  // 2 × 2 test, 1,000 units per cell; conversion rates AX 5 %, AY 6 %, BX 7 %, BY 11 %.
  // Worked by hand: hook B vs A = ((.07 + .11) − (.05 + .06)) / 2 = 0.035; visual Y vs X =
  // ((.06 + .11) − (.05 + .07)) / 2 = 0.025; interaction .11 − .07 − .06 + .05 = 0.03.
  const cell = (hook: string, visual: string, conversions: number) => ({
    levels: { hook, visual },
    units: 1000,
    conversions,
  });
  it('main effects and the interaction with intervals; bad cells named', async () => {
    const r = await call('POST', '/v1/experiments/factorial', A.secret_key, {
      cells: [cell('A', 'X', 50), cell('A', 'Y', 60), cell('B', 'X', 70), cell('B', 'Y', 110)],
    });
    expect(r.status).toBe(200);
    const effect = (kind: string, levels: string[]) =>
      r.body.effects.find(
        (e: { kind: string; levels: string[] }) => e.kind === kind && e.levels.join() === levels.join(),
      );
    expect(effect('main', ['B']).estimate).toBeCloseTo(0.035, 10);
    expect(effect('main', ['Y']).estimate).toBeCloseTo(0.025, 10);
    expect(effect('interaction', ['B', 'Y']).estimate).toBeCloseTo(0.03, 10);
    expect(effect('main', ['B']).ci_lower).toBeLessThan(0.035);
    expect(r.body.df).toBe(3996);
    const bad = await call('POST', '/v1/experiments/factorial', A.secret_key, {
      cells: [cell('A', 'X', 50)],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cells');
  });
});

describe('GET /v1/reports/fatigue', () => {
  it('flags the ad whose CTR falls and not the steady one, with the trend test of detectFatigue', async () => {
    const from = addDays(DAY, -13);
    const days = Array.from({ length: 14 }, (_, d) => addDays(from, d));
    // Hook A: 10,000 impressions a day, clicks falling from 300 to 170 (CTR 3% → 1.7%);
    // Hook B: a steady 2% (200 clicks). A row without an ad is left out and counted.
    const clicksA = days.map((_, d) => 300 - 10 * d);
    const base = {
      workspace_id: A.workspace.id,
      cost_type: 'media' as const,
      platform: 'meta',
      account_id: 'act_1',
      channel: 'Paid Social',
      source: 'facebook',
      medium: 'paid_social',
      campaign: 'Prospecting',
      campaign_id: 'c1',
      ad_group: 'Broad',
      partner: '',
      amount: '10',
      currency: 'EUR',
      impressions: 10_000,
      platform_conversions: 0,
      platform_conversion_value: '0',
      import_id: '',
      description: '',
    };
    await rt.events.insertCosts([
      ...days.map((date, d) => ({ ...base, date, ad: 'Hook A', clicks: clicksA[d]! })),
      ...days.map((date) => ({ ...base, date, ad: 'Hook B', clicks: 200 })),
      { ...base, date: DAY, ad: '', clicks: 50 },
    ]);
    const r = await call('GET', `/v1/reports/fatigue?from=${from}&to=${DAY}`, A.secret_key);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ metric: 'ctr', fatigued: 1, rows_without_ad: 1, days_left_out: 0 });
    const [a, b] = r.body.creatives;
    expect(a).toMatchObject({ ad: 'Hook A', days: 14, trials: 140_000, fatigued: true });
    expect(b).toMatchObject({ ad: 'Hook B', fatigued: false });
    const ref = detectFatigue([
      { creative: 'A', points: clicksA.map((c, t) => ({ t, trials: 10_000, successes: c })) },
      { creative: 'B', points: days.map((_, t) => ({ t, trials: 10_000, successes: 200 })) },
    ]);
    expect(a.z).toBeCloseTo(ref[0]!.z!, 9);
    expect(a.p_adjusted).toBeCloseTo(ref[0]!.pAdjusted!, 12);
    expect(a.evidence).toContain('CTR daalde');
    // In the workspace's number format (nl-BE): decimal commas, not points.
    expect(a.evidence).toMatch(/van \d+(,\d)?% naar \d+(,\d)?% \(trendtest p < 0,001\)/);
    const bad = await call('GET', `/v1/reports/fatigue?from=${DAY}&to=${from}&metric=cpm`, A.secret_key);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['metric', 'to']);
  });
});
