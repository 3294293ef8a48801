import { normalQuantile } from './distributions.js';
import { StatsInputError, requireFinite, requireProbability } from './errors.js';

export type PlanCorrection = 'bonferroni' | 'holm' | 'none';

/** What to detect: a proportion with its baseline rate, or a mean with its baseline and standard deviation. */
export type PlanMetric =
  { kind: 'proportion'; baseline: number } | { kind: 'mean'; baseline: number; sd: number };

export interface PlanInput {
  metric: PlanMetric;
  /** Minimum detectable effect: relative to the baseline (0.1 = +10%) unless `absolute`. */
  mde: number;
  absolute?: boolean;
  alpha?: number;
  power?: number;
  /** Number of variants including control (default 2). */
  variants?: number;
  correction?: PlanCorrection;
  /** Units entering the experiment per day, all variants together. */
  dailyTraffic?: number;
}

export interface Plan {
  sampleSizePerVariant: number;
  totalSampleSize: number;
  /** Alpha per comparison after the correction. */
  alphaPerComparison: number;
  comparisons: number;
  baseline: number;
  target: number;
  absoluteMde: number;
  relativeMde: number | null;
  durationDays: number | null;
}

function correctedAlpha(alpha: number, k: number, c: PlanCorrection): number {
  // Holm's first (strictest) step uses α/(K − 1), so planning for it is planning for Bonferroni.
  return c === 'none' ? alpha : alpha / (k - 1);
}

function validate(input: PlanInput): { alpha: number; power: number; k: number; c: PlanCorrection } {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const k = input.variants ?? 2;
  const c = input.correction ?? 'bonferroni';
  requireProbability('alpha', alpha);
  requireProbability('power', power);
  requireFinite('mde', input.mde);
  if (!Number.isInteger(k) || k < 2)
    throw new StatsInputError('variants', `must be a whole number ≥ 2, control included (got ${k})`);
  if (!['bonferroni', 'holm', 'none'].includes(c))
    throw new StatsInputError('correction', `must be bonferroni, holm or none (got ${c})`);
  requireFinite('baseline', input.metric.baseline);
  if (input.metric.kind === 'proportion' && !(input.metric.baseline > 0 && input.metric.baseline < 1))
    throw new StatsInputError(
      'baseline',
      `a rate must be strictly between 0 and 1 (got ${input.metric.baseline})`,
    );
  if (input.metric.kind === 'mean') {
    requireFinite('sd', input.metric.sd);
    if (!(input.metric.sd > 0))
      throw new StatsInputError('sd', `the standard deviation must be positive (got ${input.metric.sd})`);
  }
  if (input.mde === 0) throw new StatsInputError('mde', 'must not be 0: no sample detects a zero effect');
  if (input.dailyTraffic !== undefined) {
    requireFinite('daily_traffic', input.dailyTraffic);
    if (!(input.dailyTraffic > 0))
      throw new StatsInputError('daily_traffic', `must be positive (got ${input.dailyTraffic})`);
  }
  return { alpha, power, k, c };
}

/** Units per variant for a two-sided test of p1 vs p2 (see sampleSize). */
function nProportion(p1: number, p2: number, za: number, zb: number): number {
  const pbar = (p1 + p2) / 2;
  const num = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (num * num) / ((p2 - p1) * (p2 - p1));
}

/**
 * Sample size per variant for a two-sided comparison of each variant with control. Proportions:
 * n = (z_{1−α/2}·√(2·p̄(1−p̄)) + z_{1−β}·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2
 * (Fleiss, Levin & Paik 2003, Statistical Methods for Rates and Proportions, eq. 4.14, without
 * continuity correction). Means: n = 2σ²(z_{1−α/2} + z_{1−β})²/δ² (normal approximation, as
 * statsmodels' `NormalIndPower`). With K > 2 variants alpha becomes α/(K − 1) (Bonferroni; Holm
 * plans the same because its first step is Bonferroni's). Rounded up. Duration =
 * ⌈n·K / daily traffic⌉ days.
 */
export function sampleSize(input: PlanInput): Plan {
  const { alpha, power, k, c } = validate(input);
  const m = input.metric;
  const a = correctedAlpha(alpha, k, c);
  const za = normalQuantile(1 - a / 2);
  const zb = normalQuantile(power);
  const delta = input.absolute ? input.mde : input.mde * m.baseline;
  const target = m.baseline + delta;
  if (delta === 0)
    throw new StatsInputError('baseline', 'a relative MDE of a zero baseline is no difference at all');
  let n: number;
  if (m.kind === 'proportion') {
    if (!(target > 0 && target < 1))
      throw new StatsInputError('mde', `the target rate ${target} must stay strictly between 0 and 1`);
    n = nProportion(m.baseline, target, za, zb);
  } else n = (2 * m.sd * m.sd * (za + zb) ** 2) / (delta * delta);
  // Guard against 1e-12 float noise turning an exact integer into the next one up.
  const perVariant = Math.ceil(n - 1e-9);
  return {
    sampleSizePerVariant: perVariant,
    totalSampleSize: perVariant * k,
    alphaPerComparison: a,
    comparisons: k - 1,
    baseline: m.baseline,
    target,
    absoluteMde: delta,
    relativeMde: m.baseline === 0 ? null : delta / m.baseline,
    durationDays: input.dailyTraffic === undefined ? null : Math.ceil((perVariant * k) / input.dailyTraffic),
  };
}

/** The smallest effect a given time (or number of units per variant) can detect. */
export interface Reachable {
  unitsPerVariant: number;
  absoluteMde: number;
  relativeMde: number | null;
}

/**
 * The minimum detectable (upward) effect with `unitsPerVariant` units in each variant: the
 * inverse of `sampleSize`. Means in closed form, δ = (z_{1−α/2} + z_{1−β})·σ·√(2/n); proportions
 * by bisection on p₂ ∈ (p₁, 1) of the Fleiss formula (monotone in p₂). Null when even p₂ → 1
 * is not detectable.
 */
export function reachableMde(
  input: Omit<PlanInput, 'mde' | 'absolute' | 'dailyTraffic'> & { unitsPerVariant: number },
): Reachable | null {
  const { alpha, power, k, c } = validate({ ...input, mde: 1 });
  requireFinite('units_per_variant', input.unitsPerVariant);
  if (!(input.unitsPerVariant >= 1))
    throw new StatsInputError('units_per_variant', `must be at least 1 (got ${input.unitsPerVariant})`);
  const n = input.unitsPerVariant;
  const a = correctedAlpha(alpha, k, c);
  const za = normalQuantile(1 - a / 2);
  const zb = normalQuantile(power);
  const m = input.metric;
  let delta: number;
  if (m.kind === 'mean') delta = (za + zb) * m.sd * Math.sqrt(2 / n);
  else {
    let lo = m.baseline;
    let hi = 1 - 1e-12;
    if (nProportion(m.baseline, hi, za, zb) > n) return null;
    for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
      const mid = (lo + hi) / 2;
      if (nProportion(m.baseline, mid, za, zb) > n) lo = mid;
      else hi = mid;
    }
    delta = hi - m.baseline;
  }
  return {
    unitsPerVariant: n,
    absoluteMde: delta,
    relativeMde: m.baseline === 0 ? null : delta / m.baseline,
  };
}

/** The MDE reachable in `days` days of `dailyTraffic` units split over K variants. */
export function reachableMdeInDays(
  input: Omit<PlanInput, 'mde' | 'absolute' | 'dailyTraffic'> & { days: number; dailyTraffic: number },
): Reachable | null {
  requireFinite('days', input.days);
  requireFinite('daily_traffic', input.dailyTraffic);
  if (!(input.days > 0)) throw new StatsInputError('days', `must be positive (got ${input.days})`);
  if (!(input.dailyTraffic > 0))
    throw new StatsInputError('daily_traffic', `must be positive (got ${input.dailyTraffic})`);
  const units = Math.floor((input.days * input.dailyTraffic) / (input.variants ?? 2));
  if (units < 1) return null;
  return reachableMde({ ...input, unitsPerVariant: units });
}
