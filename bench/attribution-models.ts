/**
 * bench/attribution-models — the data-driven steps on aggregated paths: Markov (orders 1–4, exact
 * absorbing-chain solve, removal effects, per-conversion credit) and Shapley, on ChannelAttribution's
 * Data.csv (when the shared reference data is on the machine) and on a seeded synthetic set of
 * ~100,000 unique paths over 10 and over 20 channels (Shapley is exact at any number of channels), plus
 * the rule-based models and 200-replicate bootstraps of Markov order 1 and Shapley. Prints one JSON line:
 * milliseconds per step and the process's peak RSS.
 */
import { readFileSync } from 'node:fs';
import {
  attributeAggregated,
  bootstrapShares,
  compileMarkov,
  compileShapley,
  markov,
  parsePathsFile,
  shapley,
  type AggregatedPath,
} from '../src/attribution/index.js';
import { CHANNELATTRIBUTION_DATA_CSV } from '../test/fixtures/attribution/refdata.js';
import { prng } from './lib/prng.js';

const UNIQUE = Number(process.env.BENCH_ATTRIBUTION_UNIQUE_PATHS ?? 100_000);
const SEED = 0x5eed;

/**
 * Journeys until `unique` distinct paths exist: lengths 1–16 (geometric, mean ≈ 3), channels drawn
 * with skewed popularity and a 35% chance of repeating the previous one, conversion probability rising
 * with each channel's own lift (so the models have something to find).
 */
export function syntheticPaths(channels: number, unique: number, seed = SEED): AggregatedPath[] {
  const rnd = prng(seed);
  const names = Array.from({ length: channels }, (_, i) => `ch${String(i).padStart(2, '0')}`);
  const popularity = names.map((_, i) => 1 / (i + 1));
  const total = popularity.reduce((a, b) => a + b, 0);
  const cumulative = popularity.map(
    (
      (s) => (p: number) =>
        (s += p / total)
    )(0),
  );
  const lift = names.map((_, i) => 0.02 + (0.04 * ((i * 7) % channels)) / channels);
  const paths = new Map<string, AggregatedPath>();
  while (paths.size < unique) {
    const path: string[] = [];
    let prev = -1;
    let p = 0.01;
    do {
      const u = rnd();
      const c = prev >= 0 && rnd() < 0.35 ? prev : cumulative.findIndex((x) => u <= x);
      const ch = c < 0 ? channels - 1 : c;
      path.push(names[ch]!);
      p += lift[ch]!;
      prev = ch;
    } while (path.length < 16 && rnd() < 0.66);
    const key = path.join('>');
    let a = paths.get(key);
    if (!a) paths.set(key, (a = { channels: path, conversions: 0, value: 0, nulls: 0 }));
    if (rnd() < Math.min(p, 0.9)) {
      a.conversions += 1;
      a.value += 20 + rnd() * 180;
    } else a.nulls += 1;
  }
  return [...paths.values()];
}

const ms = (t0: number) => Math.round(performance.now() - t0);
function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, ms(t0)];
}

function suite(paths: AggregatedPath[]) {
  const out: Record<string, number | string> = {
    unique_paths: paths.length,
    journeys: paths.reduce((a, p) => a + p.conversions + p.nulls, 0),
    conversions: paths.reduce((a, p) => a + p.conversions, 0),
  };
  for (const order of [1, 2, 3, 4]) {
    const [m, t] = time(() => markov(paths, order));
    out[`markov_order${order}_ms`] = t;
    out[`markov_order${order}_states`] = m
      .transitions()
      .reduce((s, r) => s.add(r.from), new Set<string>()).size;
    out[`markov_order${order}_sweeps`] = m.sweeps;
  }
  const [s, ts] = time(() => shapley(paths));
  out.shapley_ms = ts;
  out.shapley_method = s.method;
  const [, tr] = time(() =>
    attributeAggregated(paths, ['first_click', 'last_click', 'last_non_direct', 'linear', 'position_based']),
  );
  out.rule_based_5_models_ms = tr;
  return out;
}

const result: Record<string, unknown> = { bench: 'attribution-models', node: process.version };
if (CHANNELATTRIBUTION_DATA_CSV) {
  const [paths, tp] = time(() => parsePathsFile(readFileSync(CHANNELATTRIBUTION_DATA_CSV!, 'utf8')));
  result.data_csv = { parse_ms: tp, ...suite(paths) };
}
const [syn10, tg] = time(() => syntheticPaths(10, UNIQUE));
const s10 = suite(syn10);
const [, tb] = time(() => {
  const compiled = compileMarkov(syn10, 1);
  return bootstrapShares(syn10, (p) => compiled.fit(p).credit, { replicates: 200, seed: 1 });
});
const [, tbs] = time(() => {
  const compiled = compileShapley(syn10);
  return bootstrapShares(syn10, (p) => compiled.fit(p).credit, { replicates: 200, seed: 1 });
});
result.synthetic_10_channels = {
  generate_ms: tg,
  ...s10,
  markov_order1_bootstrap_200_ms: tb,
  shapley_bootstrap_200_ms: tbs,
};
const syn20 = syntheticPaths(20, UNIQUE, SEED + 1);
const [s20, t20] = time(() => shapley(syn20));
const [, m20] = time(() => markov(syn20, 1));
result.synthetic_20_channels = {
  unique_paths: syn20.length,
  shapley_ms: t20,
  shapley_method: s20.method,
  markov_order1_ms: m20,
};
result.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(result));
