import { AttributionInputError } from './errors.js';
import { poisson, seededRandom } from './rng.js';
import type { AggregatedPath, ChannelCredit } from './types.js';

export interface BootstrapOptions {
  /** Resamples (default 200). */
  replicates?: number;
  /** Central interval level (default 0.95). */
  level?: number;
  seed?: number;
}

export interface ShareInterval {
  channel: string;
  /** The channel's share of all conversions in the fit on the data itself. */
  share: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Percentile bootstrap intervals on each channel's share of the credited conversions, for the
 * data-driven models. Journeys are resampled with the Poisson bootstrap (Hanley & MacGibbon 2006;
 * Chamandy et al., "Estimating uncertainty for massive data streams", 2012): every unique path's
 * conversion and non-conversion counts are redrawn as Poisson(count), each conversion keeping its
 * path's mean value — the same as resampling journeys with replacement for large counts, and
 * workable on aggregated paths. The model is refitted on every resample (seeded, reproducible);
 * the interval is the (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation, numpy's default).
 * Each resample holds the same paths in the same order (counts may be 0), so `fit` may reuse
 * structure built on `paths` (compileMarkov).
 */
export function bootstrapShares(
  paths: readonly AggregatedPath[],
  fit: (paths: AggregatedPath[]) => ChannelCredit[],
  options: BootstrapOptions = {},
): ShareInterval[] {
  const replicates = options.replicates ?? 200;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 2)
    throw new AttributionInputError('bootstrap', `must be an integer ≥ 2 replicates (got ${replicates})`);
  if (!(level > 0 && level < 1))
    throw new AttributionInputError('level', `must be between 0 and 1 exclusive (got ${level})`);
  const shares = (credit: ChannelCredit[]): Map<string, number> => {
    const total = credit.reduce((a, c) => a + c.conversions, 0);
    return new Map(credit.map((c) => [c.channel, total > 0 ? c.conversions / total : NaN]));
  };
  const point = shares(fit([...paths]));
  const draws = new Map<string, number[]>([...point.keys()].map((c) => [c, []]));
  const rnd = seededRandom(options.seed ?? 1);
  for (let r = 0; r < replicates; r++) {
    const sample: AggregatedPath[] = [];
    for (const p of paths) {
      const conversions = poisson(p.conversions, rnd);
      const nulls = poisson(p.nulls, rnd);
      const value = p.conversions > 0 ? (p.value / p.conversions) * conversions : 0;
      sample.push({ channels: p.channels, conversions, value, nulls });
    }
    const s = shares(fit(sample));
    // A channel absent from a resample earned 0 there.
    for (const [c, list] of draws) {
      const v = s.get(c) ?? 0;
      if (!Number.isNaN(v)) list.push(v);
    }
  }
  return [...point.entries()].map(([channel, share]) => {
    const list = draws.get(channel)!.sort((a, b) => a - b);
    return {
      channel,
      share: Number.isNaN(share) ? null : share,
      lower: quantile(list, (1 - level) / 2),
      upper: quantile(list, (1 + level) / 2),
    };
  });
}

/** Quantile q of sorted values with linear interpolation (numpy's default, Hyndman & Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
