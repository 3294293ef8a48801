import {
  reachableMdeInDays,
  sampleSize,
  StatsInputError,
  type PlanCorrection,
  type PlanMetric,
} from '../../stats/index.js';

/** A test plan's request: the CLI's flags and the HTTP query's parameters, as numbers. */
export interface PlanRequest {
  baseline: number;
  mde: number;
  mdeAbsolute?: boolean;
  /** Standard deviation: plan for a mean instead of a rate. */
  sd?: number;
  alpha?: number;
  power?: number;
  variants?: number;
  correction?: string;
  dailyTraffic?: number;
  days?: number;
}

/**
 * Sample size per variant (and duration, and the MDE reachable in `days`) for a two-sided test
 * against control, as `rendement experiment plan` and `GET /v1/experiments/plan` answer it (the
 * formulas are documented on `sampleSize` and `reachableMdeInDays`). Bad input throws
 * StatsInputError naming the field.
 */
export function planExperiment(r: PlanRequest) {
  const metric: PlanMetric =
    r.sd === undefined
      ? { kind: 'proportion', baseline: r.baseline }
      : { kind: 'mean', baseline: r.baseline, sd: r.sd };
  const correction = (r.correction ?? 'bonferroni') as PlanCorrection;
  if (!['bonferroni', 'holm', 'none'].includes(correction))
    throw new StatsInputError('correction', `must be bonferroni, holm or none (got ${correction})`);
  const variants = r.variants ?? 2;
  if (r.days !== undefined && r.dailyTraffic === undefined)
    throw new StatsInputError('days', 'needs the daily traffic');
  const common = { metric, alpha: r.alpha, power: r.power, variants, correction };
  const p = sampleSize({
    ...common,
    mde: r.mde,
    absolute: r.mdeAbsolute ?? false,
    dailyTraffic: r.dailyTraffic,
  });
  const reach =
    r.days === undefined
      ? undefined
      : reachableMdeInDays({ ...common, days: r.days, dailyTraffic: r.dailyTraffic! });
  return {
    metric: metric.kind,
    baseline: p.baseline,
    target: p.target,
    mde_absolute: p.absoluteMde,
    mde_relative: p.relativeMde,
    alpha: r.alpha ?? 0.05,
    alpha_per_comparison: p.alphaPerComparison,
    power: r.power ?? 0.8,
    variants,
    correction,
    sample_size_per_variant: p.sampleSizePerVariant,
    total_sample_size: p.totalSampleSize,
    daily_traffic: r.dailyTraffic ?? null,
    duration_days: p.durationDays,
    ...(r.days === undefined
      ? {}
      : {
          days: r.days,
          reachable_mde_absolute: reach?.absoluteMde ?? null,
          reachable_mde_relative: reach?.relativeMde ?? null,
        }),
  };
}
