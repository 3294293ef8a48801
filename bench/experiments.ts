/**
 * bench/experiments — `GET /v1/experiments/:id/results` on a large test: 1,000,000 visitors
 * exposed to a 3-variant experiment (1.5 exposures each on average, 2% of them crossing over),
 * 2,000,000 other touchpoints, 150,000 purchases (a third by visitors with a customer id, some
 * before exposure: the CUPED covariate) — generated inside the engine from seeded hashes, then
 * analysed through the results service exactly as the route does (facts query, every statistic,
 * SRM breakdown). RUNS timed runs after one warm-up; prints median and p95, the generation time
 * and the peak RSS as one JSON line. BENCH_EXP_SCALE scales the row counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentResults } from '../src/services/experiments/results.js';
import { createWorkspaceWithKeys } from '../src/services/workspaces.js';
import { openAppStore } from '../src/store/app/index.js';
import { connectEvents } from '../src/store/events/connect.js';
import { ClickHouseEventStore } from '../src/store/events/store.js';

const SCALE = Number(process.env.BENCH_EXP_SCALE ?? 1);
const VISITORS = Math.round(1_000_000 * SCALE);
const EXPOSURES = Math.round(1_500_000 * SCALE);
const OTHER = Math.round(2_000_000 * SCALE);
const PURCHASES = Math.round(150_000 * SCALE);
const RUNS = Number(process.env.BENCH_EXP_RUNS ?? 5);
const START = Date.UTC(2026, 9, 1) / 1000;
const DAYS = 28;

const dir = mkdtempSync(join(tmpdir(), 'rdm-bench-exp-'));
const conn = connectEvents({ dataDir: dir });
const events = new ClickHouseEventStore(conn);
await events.migrate();
const app = await openAppStore({ dataDir: dir });
await app.migrate();
const created = await createWorkspaceWithKeys(app, { name: 'bench', time_zone: 'Europe/Brussels' });
if ('error' in created) throw new Error(created.message);
const ws = created.workspace;

const p = { ws: ws.id, start: START, visitors: VISITORS, days: DAYS };
const t0 = performance.now();
// Visitor v's variant by hash (A 1/3, B 1/3, C 1/3); 2% of exposures show another variant.
const VARIANT = `['A', 'B', 'C'][if(cityHash64(number, 5) % 50 = 0, cityHash64(number, 6) % 3, cityHash64(v, 4) % 3) + 1]`;
await conn.client.command({
  query: `INSERT INTO touchpoints (workspace_id, event_id, type, ts, received_at, ts_flag, visitor_id, touch,
      url, host, path, channel, source, medium, experiment, variant, device, browser, country, is_bot)
    SELECT {ws:String}, concat('x', toString(number)), 'pageview',
      toDateTime64({start:UInt32} + cityHash64(v, 2) % ({days:UInt32} * 86400) + cityHash64(number, 3) % 86400, 3, 'UTC') AS t,
      t, 'ok', concat('v', toString(v)), 1, '', 'shop.example.be', '/', ['Paid Search', 'Direct', 'Email'][cityHash64(v, 7) % 3 + 1],
      '', '', 'hero', ${VARIANT}, ['mobile', 'desktop', 'tablet'][cityHash64(v, 8) % 3 + 1],
      ['Chrome', 'Safari', 'Firefox', 'Edge'][cityHash64(v, 9) % 4 + 1], 'BE', 0
    FROM (SELECT number, cityHash64(number, 1) % {visitors:UInt64} AS v FROM numbers({n:UInt64}))`,
  query_params: { ...p, n: EXPOSURES },
});
await conn.client.command({
  query: `INSERT INTO touchpoints (workspace_id, event_id, type, ts, received_at, ts_flag, visitor_id, touch,
      url, host, path, channel, source, medium, device, country, is_bot)
    SELECT {ws:String}, concat('o', toString(number)), 'pageview',
      toDateTime64({start:UInt32} + cityHash64(number, 12) % ({days:UInt32} * 86400), 3, 'UTC') AS t,
      t, 'ok', concat('v', toString(cityHash64(number, 11) % ({visitors:UInt64} * 2))), 1, '', 'shop.example.be', '/p',
      'Direct', '', '', 'mobile', 'BE', 0
    FROM numbers({n:UInt64})`,
  query_params: { ...p, n: OTHER },
});
// Purchases from 14 days before the start (covariate) to the end; variant C converts 10% more.
await conn.client.command({
  query: `INSERT INTO conversions (workspace_id, conversion_id, type, status, ts, received_at, ts_flag, value,
      refunded_value, tax, shipping, discount, currency, margin, customer_id, email_sha256, visitor_id, click_id,
      discount_code, new_customer, backfill, name, version, body_hash)
    SELECT {ws:String}, concat('o', toString(number)), 'purchase', 'completed',
      toDateTime64({start:UInt32} - 14 * 86400 + cityHash64(number, 14) % (({days:UInt32} + 14) * 86400), 3, 'UTC') AS t,
      t, 'ok', toDecimal64(20 + cityHash64(number, 15) % 20000 / 100, 4), 0, 0, 0, 0, 'EUR', NULL,
      if(cityHash64(number, 16) % 3 = 0, concat('c', toString(v)), ''), '', concat('v', toString(v)), '', '', NULL, 0, '', 1, ''
    FROM (SELECT number, cityHash64(number, 13) % {visitors:UInt64} AS v FROM numbers({n:UInt64}))
    WHERE cityHash64(v, 4) % 3 = 2 OR cityHash64(number, 17) % 11 != 0`,
  query_params: { ...p, n: PURCHASES },
});
await conn.client.command({
  query: `INSERT INTO identities (workspace_id, visitor_id, customer_id, ts)
    SELECT {ws:String}, concat('v', toString(number)), concat('c', toString(number)), toDateTime64({start:UInt32}, 3, 'UTC')
    FROM numbers({visitors:UInt64}) WHERE cityHash64(number, 18) % 3 = 0`,
  query_params: p,
});
const generateMs = performance.now() - t0;

const exp = await app.createExperiment(ws.id, {
  key: 'hero',
  name: 'Hero',
  hypothesis: null,
  variants: [
    { name: 'A', allocation: 1 / 3 },
    { name: 'B', allocation: 1 / 3 },
    { name: 'C', allocation: 1 / 3 },
  ],
  primary_metric: 'conversion_rate',
  secondary_metrics: ['revenue_per_visitor'],
  guardrail_metrics: ['aov'],
  conversion_type: 'purchase',
  from: '2026-10-01',
  to: '2026-10-28',
  status: 'completed',
});
const stores = { app, events };
const now = Date.UTC(2026, 10, 1);
const first = await experimentResults(stores, ws, exp, { now });
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await experimentResults(stores, ws, exp, { now });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(
  JSON.stringify({
    bench: 'experiments',
    visitors: VISITORS,
    exposures: EXPOSURES,
    other_touchpoints: OTHER,
    purchases: PURCHASES,
    units: first.variants.reduce((s, v) => s + v.units, 0),
    converters: first.variants.reduce((s, v) => s + (v.conversions ?? 0), 0),
    cuped: first.cuped.applied,
    srm_p_value: Number(first.srm_p_value.toPrecision(3)),
    generate_ms: Math.round(generateMs),
    results_median_ms: Math.round(pick(0.5)),
    results_p95_ms: Math.round(pick(0.95)),
    runs: RUNS,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
await events.close();
await app.close();
rmSync(dir, { recursive: true, force: true });
