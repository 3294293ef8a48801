/**
 * bench/stats — the analysis of 1,000 experiments × 5 variants × 10 metrics with every method of
 * src/stats: per metric the estimates, z/Welch tests with absolute and relative CIs, the mSPRT
 * always-valid p-value and interval, the Bayesian chances (beta-binomial quadrature for the 4
 * proportions, normal for the 3 means, the CUPED-adjusted mean and the 2 delta-method ratios),
 * Holm over the 40 comparisons, the SRM check and a verdict per comparison; plus a sample-size
 * plan per experiment. Aggregates come from a seeded PRNG and are built before the clock starts.
 * Also times creative-fatigue detection on 1,000 creatives × 28 days. Target: < 2 s.
 * BENCH_STATS_EXPERIMENTS overrides the count. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import {
  analyzeExperiment,
  detectFatigue,
  sampleSize,
  type ExperimentInput,
  type FatigueInput,
  type MetricInput,
} from '../src/stats/index.js';
import { prng } from './lib/prng.js';

const EXPERIMENTS = Number(process.env.BENCH_STATS_EXPERIMENTS ?? 1000);
const VARIANTS = 5;

const rand = prng(0x57a75);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Sums of n values with the given mean and sd, as if drawn (sample mean and variance jittered). */
function meanSums(n: number, mu: number, sd: number): { sum: number; sumSq: number } {
  const mean = mu + (gauss() * sd) / Math.sqrt(n);
  const s2 = sd * sd * (1 + gauss() * Math.sqrt(2 / (n - 1)));
  return { sum: n * mean, sumSq: (n - 1) * s2 + n * mean * mean };
}

function experiment(e: number): ExperimentInput {
  const units = Array.from({ length: VARIANTS }, () => 8000 + Math.floor(rand() * 400));
  const lift = Array.from({ length: VARIANTS }, (_, k) => (k === 0 ? 0 : (rand() - 0.4) * 0.15));
  const metrics: MetricInput[] = [];
  for (const [i, base] of [0.03, 0.012, 0.08, 0.2].entries())
    metrics.push({
      name: ['conversion_rate', 'ctr', 'add_to_cart', 'signup'][i]!,
      kind: 'proportion',
      data: units.map((n, k) => {
        const p = base * (1 + lift[k]!);
        return {
          kind: 'proportion',
          units: n,
          conversions: Math.max(0, Math.min(n, Math.round(n * p + gauss() * Math.sqrt(n * p * (1 - p))))),
        };
      }),
    });
  for (const [i, [mu, sd]] of [
    [2.5, 30],
    [1.2, 2],
    [95, 120],
  ].entries())
    metrics.push({
      name: ['revenue_per_visitor', 'items_per_visitor', 'seconds_on_site'][i]!,
      kind: 'mean',
      data: units.map((n, k) => ({ kind: 'mean', units: n, ...meanSums(n, mu! * (1 + lift[k]! / 3), sd!) })),
    });
  metrics.push({
    name: 'revenue_cuped',
    kind: 'cuped',
    data: units.map((n, k) => {
      const x = meanSums(n, 20, 25);
      const y = meanSums(n, 22 * (1 + lift[k]! / 3), 30);
      const cov = 0.6 * 25 * 30;
      return {
        units: n,
        sumY: y.sum,
        sumY2: y.sumSq,
        sumX: x.sum,
        sumX2: x.sumSq,
        sumXY: (n - 1) * cov + (x.sum * y.sum) / n,
      };
    }),
  });
  for (const [i, [rx, ry]] of [
    [1.3, 60],
    [2.1, 3],
  ].entries())
    metrics.push({
      name: ['aov', 'pages_per_session'][i]!,
      kind: 'ratio',
      data: units.map((n, k) => {
        const x = meanSums(n, rx!, 0.8);
        const y = meanSums(n, rx! * ry! * (1 + lift[k]! / 4), ry! * 1.5);
        return {
          kind: 'ratio',
          units: n,
          numSum: y.sum,
          numSumSq: y.sumSq,
          denSum: x.sum,
          denSumSq: x.sumSq,
          crossSum: (n - 1) * 0.5 * 0.8 * ry! * 1.5 + (x.sum * y.sum) / n,
        };
      }),
    });
  return { variants: ['control', 'B', 'C', 'D', 'E'], metrics, locale: ['en', 'nl-BE', 'fr-BE'][e % 3]! };
}

const inputs = Array.from({ length: EXPERIMENTS }, (_, e) => experiment(e));
const creatives: FatigueInput[] = Array.from({ length: 1000 }, (_, c) => ({
  creative: `ad-${c}`,
  points: Array.from({ length: 28 }, (_, d) => {
    const trials = 5000 + Math.floor(rand() * 2000);
    const p = 0.015 * (1 - (c % 4 === 0 ? 0.01 * d : 0));
    return { t: d, trials, successes: Math.round(trials * p + gauss() * Math.sqrt(trials * p)) };
  }),
}));

function run(): { ms: number; cpuMs: number; significant: number; srm: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let significant = 0;
  let srm = 0;
  for (const input of inputs) {
    const r = analyzeExperiment(input);
    sampleSize({
      metric: { kind: 'proportion', baseline: 0.03 },
      mde: 0.1,
      variants: VARIANTS,
      dailyTraffic: 8000,
    });
    for (const m of r.metrics) for (const v of m.variants) if (v.significant) significant++;
    if (r.srm.mismatch) srm++;
  }
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, significant, srm };
}

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const first = run();
const heapAfter = process.memoryUsage().heapUsed;
const second = run();
const tf = performance.now();
const fatigue = detectFatigue(creatives);
const fatigueMs = performance.now() - tf;

console.log(
  JSON.stringify({
    bench: 'stats',
    experiments: EXPERIMENTS,
    variants: VARIANTS,
    metrics: inputs[0]!.metrics.length,
    comparisons: EXPERIMENTS * (VARIANTS - 1) * inputs[0]!.metrics.length,
    ms: Math.round(first.ms),
    cpu_ms: Math.round(first.cpuMs),
    ms_warm: Math.round(second.ms),
    cpu_ms_warm: Math.round(second.cpuMs),
    us_per_experiment: Math.round((first.ms * 1000) / EXPERIMENTS),
    target_ms: 2000,
    significant_after_holm: first.significant,
    srm_flags: first.srm,
    heap_growth_mb: Math.round(((heapAfter - heapBefore) / 1048576) * 10) / 10,
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    fatigue_creatives: creatives.length,
    fatigue_days: 28,
    fatigue_ms: Math.round(fatigueMs),
    fatigue_flagged: fatigue.filter((f) => f.fatigued).length,
  }),
);
