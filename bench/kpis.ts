/**
 * bench/kpis — KPI report latency on a year of a large shop: 10,000,000 touchpoints, 1,000,000
 * conversions and a year of daily costs (50 campaigns × 5 ad groups × 4 ads), generated inside the
 * engine from seeded hashes (cityHash64 of the row number: every run builds the same data), then
 * queried through the KPI service exactly as `GET /v1/reports/kpis` does:
 *   (a) channel × day over 90 days with the previous period,
 *   (b) campaign breakdown for a month,
 *   (c) the cohort table (12 acquisition months × first-touch channel; GET /v1/reports/cohorts).
 * Each query runs RUNS times after one warm-up (for (c): the report that builds its rollup, timed
 * apart, and one after an update of a purchase); prints median and p95 per query, the generation
 * time and the store's size on disk, as one JSON line. BENCH_KPI_SCALE scales the row counts;
 * BENCH_KPI_DIR keeps the store for the next run. The data: bench/lib/synthetic.ts.
 */
import { parseCohortParams, parseKpiParams } from '../src/core/report-params.js';
import { cohortReport } from '../src/services/reports/cohorts.js';
import { kpiReport } from '../src/services/reports/kpis.js';
import { openSynthetic } from './lib/synthetic.js';

const RUNS = Number(process.env.BENCH_KPI_RUNS ?? 10);
const syn = await openSynthetic({
  name: 'kpis',
  scale: Number(process.env.BENCH_KPI_SCALE ?? 1),
  dir: process.env.BENCH_KPI_DIR,
});
const { app, events, client, ws } = syn;

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

/**
 * (c) the cohort table: 12 acquisition months × first-touch channel, as of the end of the year.
 * The first report builds the cohort rollup (it is dropped first, so that the build is measured
 * every run); then RUNS reads; then one purchase gets a new version (an update with the same
 * figures: the data stay the same from run to run) and the next report rebuilds the months its
 * buyer reaches.
 */
async function timedCohorts() {
  const parsed = parseCohortParams({ from: '2025-01', to: '2025-12', by: 'channel' });
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  const asOf = Date.UTC(2025, 11, 31, 12);
  const report = () => cohortReport({ app, events }, ws, parsed.params, asOf);
  const count = async (query: string) => {
    const rs = await client.query({ query, query_params: { ws: ws.id }, format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string }>();
    return Number(row?.n ?? 0);
  };
  await client.command({ query: 'TRUNCATE TABLE IF EXISTS cohort_monthly_builds' });
  await client.command({ query: 'TRUNCATE TABLE IF EXISTS cohort_monthly' });
  let s = performance.now();
  const first = await report();
  const firstMs = performance.now() - s;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    s = performance.now();
    await report();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const rollupRows = await count(`SELECT count() AS n FROM cohort_monthly WHERE workspace_id = {ws:String}
    AND (model_key, cohort, build) IN (SELECT model_key, cohort, build FROM cohort_monthly_builds FINAL)`);
  const rollupBytes = await count(`SELECT sum(bytes_on_disk) AS n FROM system.parts
    WHERE active AND database = currentDatabase() AND table = 'cohort_monthly'`);
  const builds = () => count('SELECT uniqExact(cohort, build) AS n FROM cohort_monthly_builds');
  const before = await builds();
  const some = await events.getConversions(
    ws.id,
    Array.from({ length: 20 }, (_, i) => `o${i}`),
  );
  const updated = [...some.values()].find((c) => c.type === 'purchase' && c.status === 'completed')!;
  await events.writeConversions([{ ...updated, version: Date.now() * 1000 }], []);
  s = performance.now();
  await report();
  const afterUpdateMs = performance.now() - s;
  return {
    cohorts_by_channel: {
      median_ms: Math.round(pick(0.5)),
      p95_ms: Math.round(pick(0.95)),
      rows: first.rows.length,
      customers: first.rows.reduce((n, r) => n + r.customers, 0),
      first_build_ms: Math.round(firstMs),
      rollup_rows: rollupRows,
      rollup_kb: Math.round(rollupBytes / 1e3),
      after_update_ms: Math.round(afterUpdateMs),
      months_rebuilt: (await builds()) - before,
    },
  };
}

console.log(
  JSON.stringify({
    bench: 'kpis',
    touchpoints: syn.touchpoints,
    conversions: syn.conversions,
    cost_rows: 365_000,
    generate_s: syn.generateS,
    disk_mb: Math.round(diskBytes / 1e6),
    runs: RUNS,
    ...results,
    target_p95_ms: 500,
    node: process.version,
  }),
);
await syn.close();
