/**
 * bench/attribution — all eight attribution models from the store on a year of a large shop
 * (bench/lib/synthetic.ts: 10,000,000 touchpoints, 1,000,000 conversions, 12 channels), through
 * the service `GET /v1/attribution?model=all` uses: the journeys built from the touchpoints in one
 * pass (path building included, nothing precomputed), then every model on them, costs included.
 * Run twice (the second with the engine's caches warm). Then the journeys query alone and the
 * Markov and Shapley steps alone on the aggregated journeys. Peak RSS of this process (the engine
 * runs in it). One JSON line. BENCH_ATTR_SCALE scales the data, BENCH_ATTR_DIR keeps the store.
 */
import { attributeAggregated } from '../src/attribution/index.js';
import { attributionReport, parseAttributionParams } from '../src/services/attribution/report.js';
import { openSynthetic } from './lib/synthetic.js';

const syn = await openSynthetic({
  name: 'attribution',
  scale: Number(process.env.BENCH_ATTR_SCALE ?? 1),
  dir: process.env.BENCH_ATTR_DIR,
});
const { app, events, ws } = syn;
const parsed = parseAttributionParams({ from: '2025-01-01', to: '2025-12-31', model: 'all' });
if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, Math.round(performance.now() - t)];
};
const [first, coldMs] = await time(() => attributionReport({ app, events }, ws, parsed.params));
const [, warmMs] = await time(() => attributionReport({ app, events }, ws, parsed.params));
const [journeys, pathsMs] = await time(() =>
  events.attributionPaths(ws.id, {
    from: '2025-01-01',
    to: '2025-12-31',
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    by: 'channel',
    attribution: parsed.params.settings,
    positional: ['time_decay'],
  }),
);
const step = (model: 'markov' | 'shapley') => {
  const t = performance.now();
  attributeAggregated(journeys.paths, [model]);
  return Math.round(performance.now() - t);
};
console.log(
  JSON.stringify({
    bench: 'attribution',
    touchpoints: syn.touchpoints,
    conversions: syn.conversions,
    generate_s: syn.generateS,
    models: Object.keys(first.models).length,
    all_models_first_ms: coldMs,
    all_models_second_ms: warmMs,
    journeys_from_store_ms: pathsMs,
    unique_paths: journeys.paths.length,
    markov_ms: step('markov'),
    shapley_ms: step('shapley'),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    target_ms: 15_000,
    node: process.version,
  }),
);
await syn.close();
