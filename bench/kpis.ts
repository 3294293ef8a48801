/**
 * bench/kpis — KPI report latency on a year of a large shop: 10,000,000 touchpoints, 1,000,000
 * conversions and a year of daily costs (50 campaigns × 5 ad groups × 4 ads), generated inside the
 * engine from seeded hashes (cityHash64 of the row number: every run builds the same data), then
 * queried through the KPI service exactly as `GET /v1/reports/kpis` does:
 *   (a) channel × day over 90 days with the previous period,
 *   (b) campaign breakdown for a month.
 * Each query runs RUNS times after one warm-up; prints median and p95 per query, the generation
 * time and the store's size on disk, as one JSON line. BENCH_KPI_SCALE scales the row counts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCohortParams, parseKpiParams } from '../src/core/report-params.js';
import { cohortReport } from '../src/services/reports/cohorts.js';
import { kpiReport } from '../src/services/reports/kpis.js';
import { createWorkspaceWithKeys } from '../src/services/workspaces.js';
import { openAppStore } from '../src/store/app/index.js';
import { connectEvents } from '../src/store/events/connect.js';
import { ClickHouseEventStore } from '../src/store/events/store.js';

const SCALE = Number(process.env.BENCH_KPI_SCALE ?? 1);
const TOUCHPOINTS = Math.round(10_000_000 * SCALE);
const CONVERSIONS = Math.round(1_000_000 * SCALE);
const VISITORS = Math.round(2_000_000 * SCALE);
const RUNS = Number(process.env.BENCH_KPI_RUNS ?? 10);
const START = Date.UTC(2025, 0, 1) / 1000;

// BENCH_KPI_DIR keeps the generated store (and reuses it when it exists) for repeated runs.
const keep = process.env.BENCH_KPI_DIR;
const reuse = keep !== undefined && existsSync(join(keep, 'app.sqlite'));
const dir = keep ?? mkdtempSync(join(tmpdir(), 'rdm-bench-kpis-'));
const conn = connectEvents({ dataDir: dir });
const events = new ClickHouseEventStore(conn);
await events.migrate();
const app = await openAppStore({ dataDir: dir });
await app.migrate();
const ws = reuse
  ? (await app.findWorkspaceByName('bench'))!
  : await (async () => {
      const created = await createWorkspaceWithKeys(app, { name: 'bench', time_zone: 'Europe/Brussels' });
      if ('error' in created) throw new Error(created.message);
      return created.workspace;
    })();

// Channel of a row from a hash in [0, 100): shares roughly like a mid-size European shop.
const CHANNEL = (
  h: string,
) => `multiIf(${h} < 25, 'Paid Search', ${h} < 40, 'Paid Social', ${h} < 45, 'Display',
  ${h} < 50, 'Paid Video', ${h} < 55, 'Affiliate', ${h} < 58, 'Influencer', ${h} < 66, 'Email', ${h} < 68, 'SMS',
  ${h} < 80, 'Organic Search', ${h} < 85, 'Organic Social', ${h} < 88, 'Referral', 'Direct')`;
const PAID = `('Paid Search', 'Paid Social', 'Display', 'Paid Video', 'Affiliate')`;
// A visitor is active for ~25 days from a day of the year of its own; it converts in that window.
const VISIT_DAY = `(cityHash64(v, 7) % 335)`;

const p = { ws: ws.id, start: START, visitors: VISITORS };
const t0 = performance.now();
if (!reuse) await generate();
async function generate() {
  await conn.client.command({
    query: `INSERT INTO touchpoints (workspace_id, event_id, type, ts, received_at, ts_flag, visitor_id, touch,
      url, host, path, utm_source, utm_medium, utm_campaign, utm_term, utm_content, channel, source, medium,
      device, country, is_bot)
    SELECT {ws:String}, toString(number), 'pageview',
      toDateTime64({start:UInt32} + ${VISIT_DAY} * 86400 + cityHash64(number, 2) % (25 * 86400), 3, 'UTC') AS t,
      t, 'ok', concat('v', toString(v)), 1, '', 'shop.example.be', concat('/p/', toString(cityHash64(number, 5) % 200)),
      '', '', if(ch IN ${PAID}, concat(replaceAll(lower(ch), ' ', '_'), '_', toString(cityHash64(number, 4) % 10)), ''),
      concat('adgroup_', toString(cityHash64(number, 8) % 5)), concat('ad_', toString(cityHash64(number, 9) % 4)),
      ch, lower(ch), '', ['mobile', 'mobile', 'desktop', 'tablet'][cityHash64(number, 6) % 4 + 1],
      ['BE', 'NL', 'FR', 'DE'][cityHash64(number, 10) % 4 + 1], 0
    FROM (SELECT number, cityHash64(number, 1) % {visitors:UInt64} AS v, ${CHANNEL('cityHash64(number, 3) % 100')} AS ch
          FROM numbers({n:UInt64}))`,
    query_params: { ...p, n: TOUCHPOINTS },
  });
  await conn.client.command({
    query: `INSERT INTO conversions (workspace_id, conversion_id, type, status, ts, received_at, ts_flag, value,
      refunded_value, tax, shipping, discount, currency, margin, customer_id, email_sha256, visitor_id, click_id,
      discount_code, new_customer, backfill, name, version, body_hash)
    SELECT {ws:String}, concat('o', toString(number)), if(cityHash64(number, 12) % 10 < 8, 'purchase', 'lead') AS type,
      if(cityHash64(number, 13) % 50 = 0, 'refunded', 'completed') AS status,
      toDateTime64({start:UInt32} + ${VISIT_DAY} * 86400 + 10 * 86400 + cityHash64(number, 14) % (15 * 86400), 3, 'UTC') AS t,
      t, 'ok', if(type = 'purchase', toDecimal64(20 + cityHash64(number, 15) % 20000 / 100, 4), toDecimal64(0, 4)) AS value,
      if(status = 'refunded', value, toDecimal64(0, 4)), 0, 0, 0, 'EUR', NULL,
      if(cityHash64(number, 16) % 3 = 0, concat('c', toString(v)), ''), '', concat('v', toString(v)), '', '', NULL, 0, '', 1, ''
    FROM (SELECT number, cityHash64(number, 11) % {visitors:UInt64} AS v FROM numbers({n:UInt64}))`,
    query_params: { ...p, n: CONVERSIONS },
  });
  await conn.client.command({
    query: `INSERT INTO identities (workspace_id, visitor_id, customer_id, ts)
    SELECT DISTINCT workspace_id, visitor_id, customer_id, ts FROM conversions
    WHERE workspace_id = {ws:String} AND customer_id != ''`,
    query_params: p,
  });
  // 365 days × 5 paid channels × 10 campaigns × 5 ad groups × 4 ads.
  await conn.client.command({
    query: `INSERT INTO costs (workspace_id, date, cost_type, platform, account_id, channel, source, medium, campaign,
      campaign_id, ad_group, ad, partner, amount, currency, impressions, clicks, platform_conversions,
      platform_conversion_value, import_id, description, line_id)
    SELECT {ws:String}, toDate('2025-01-01') + intDiv(number, 1000) AS d, 'media', 'bench', 'acc',
      ['Paid Search', 'Paid Social', 'Display', 'Paid Video', 'Affiliate'][intDiv(number % 1000, 200) + 1] AS ch,
      lower(ch), '', concat(replaceAll(lower(ch), ' ', '_'), '_', toString(intDiv(number % 200, 20))), '',
      concat('adgroup_', toString(intDiv(number % 20, 4))), concat('ad_', toString(number % 4)), '',
      toDecimal64(1 + cityHash64(number, 21) % 5000 / 100, 4), 'EUR',
      1000 + cityHash64(number, 22) % 20000 AS imp, intDiv(imp, 50 + cityHash64(number, 23) % 100), 0, 0, 'bench', '', ''
    FROM numbers(365 * 1000)`,
    query_params: p,
  });
}
const generateMs = performance.now() - t0;
const diskBytes = await events.diskBytes();

async function timed(name: string, q: Record<string, string>) {
  const parsed = parseKpiParams(q);
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  const stores = { app, events };
  const first = await kpiReport(stores, ws, parsed.params); // warm-up (and a sanity check)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await kpiReport(stores, ws, parsed.params);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return {
    [name]: {
      median_ms: Math.round(pick(0.5)),
      p95_ms: Math.round(pick(0.95)),
      rows: first.rows.length,
      revenue: Math.round(Number(first.totals.revenue)),
    },
  };
}

const results = {
  ...(await timed('channel_day_90d_compare', {
    from: '2025-09-01',
    to: '2025-11-29',
    by: 'channel',
    grain: 'day',
    compare: 'previous',
  })),
  ...(await timed('campaign_month', { from: '2025-10-01', to: '2025-10-31', by: 'campaign' })),
  ...(await timedCohorts()),
};

/** (c) the cohort table: 12 acquisition months × first-touch channel, as of the end of the year. */
async function timedCohorts() {
  const parsed = parseCohortParams({ from: '2025-01', to: '2025-12', by: 'channel' });
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  const asOf = Date.UTC(2025, 11, 31, 12);
  const first = await cohortReport({ app, events }, ws, parsed.params, asOf);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await cohortReport({ app, events }, ws, parsed.params, asOf);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return {
    cohorts_by_channel: {
      median_ms: Math.round(pick(0.5)),
      p95_ms: Math.round(pick(0.95)),
      rows: first.rows.length,
      customers: first.rows.reduce((n, r) => n + r.customers, 0),
    },
  };
}

console.log(
  JSON.stringify({
    bench: 'kpis',
    touchpoints: TOUCHPOINTS,
    conversions: CONVERSIONS,
    cost_rows: 365_000,
    generate_s: Math.round(generateMs / 100) / 10,
    disk_mb: Math.round(diskBytes / 1e6),
    runs: RUNS,
    ...results,
    target_p95_ms: 500,
    node: process.version,
  }),
);
await events.close();
await app.close();
if (!keep) rmSync(dir, { recursive: true, force: true });
