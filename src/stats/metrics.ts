import { StatsInputError, requireCount, requireFinite } from './errors.js';

/** Conversions out of units (CVR, CTR): a proportion per unit. */
export interface ProportionData {
  kind: 'proportion';
  units: number;
  conversions: number;
}

/** A per-unit value (revenue per visitor): its sum and sum of squares over the units. */
export interface MeanData {
  kind: 'mean';
  units: number;
  sum: number;
  sumSq: number;
}

/**
 * A ratio of two per-unit sums (revenue per session when units are users, AOV = revenue per
 * order): numerator y and denominator x per unit, with the sums of squares and of cross products.
 */
export interface RatioData {
  kind: 'ratio';
  units: number;
  numSum: number;
  numSumSq: number;
  denSum: number;
  denSumSq: number;
  crossSum: number;
}

export type MetricData = ProportionData | MeanData | RatioData;

/**
 * The estimate of a metric in one variant and the sampling variance of that estimate; `null`
 * where it is undefined (no units; fewer than two units for a sample variance; zero denominator).
 */
export interface Estimate {
  units: number;
  value: number | null;
  /** Var(value): p(1−p)/n, s²/n, or the delta-method variance of a ratio. */
  variance: number | null;
  /** Per-unit variance (p(1−p) or s²), the σ² of sample-size formulas. */
  unitVariance: number | null;
}

// Sums of squares arrive from files with rounding: a variance a hair below zero is zero.
const REL_EPS = 1e-9;

/** Sample variance (n − 1 denominator) from a sum and a sum of squares; checks it is not negative. */
export function sampleVariance(field: string, n: number, sum: number, sumSq: number): number | null {
  if (n < 2) return null;
  const ss = sumSq - (sum * sum) / n;
  if (ss < -REL_EPS * Math.max(1, Math.abs(sumSq)))
    throw new StatsInputError(
      field,
      `is smaller than (sum)²/units (${sumSq} < ${(sum * sum) / n}): impossible for real values`,
    );
  return Math.max(0, ss) / (n - 1);
}

/** Sample covariance (n − 1 denominator) from sums and the sum of cross products. */
function sampleCovariance(n: number, sx: number, sy: number, sxy: number): number | null {
  return n < 2 ? null : (sxy - (sx * sy) / n) / (n - 1);
}

/** Check counts and sums; throws StatsInputError naming the field. */
export function validateMetric(d: MetricData, prefix = ''): void {
  requireCount(`${prefix}units`, d.units);
  if (d.kind === 'proportion') {
    requireCount(`${prefix}conversions`, d.conversions);
    if (d.conversions > d.units)
      throw new StatsInputError(`${prefix}conversions`, `exceeds units (${d.conversions} > ${d.units})`);
  } else if (d.kind === 'mean') {
    requireFinite(`${prefix}value_sum`, d.sum);
    requireFinite(`${prefix}value_sum_sq`, d.sumSq);
    if (d.sumSq < 0)
      throw new StatsInputError(`${prefix}value_sum_sq`, `must not be negative (got ${d.sumSq})`);
  } else {
    for (const [k, v] of Object.entries({
      numSum: d.numSum,
      numSumSq: d.numSumSq,
      denSum: d.denSum,
      denSumSq: d.denSumSq,
      crossSum: d.crossSum,
    }))
      requireFinite(`${prefix}${k}`, v);
  }
}

/**
 * Point estimate and variance of a metric. Proportion: p = c/n, Var = p(1−p)/n (binomial).
 * Mean: x̄ = Σx/n, Var = s²/n with s² = (Σx² − (Σx)²/n)/(n − 1). Ratio R = Σy/Σx (both summed
 * over the same units): first-order delta method, Var(R) ≈ (s²_y − 2R·s_xy + R²·s²_x)/(n·x̄²)
 * (Deng, Knoblich & Lu 2018, "Applying the Delta Method in Metric Analytics", KDD, eq. 2).
 */
export function estimate(d: MetricData, prefix = ''): Estimate {
  validateMetric(d, prefix);
  const n = d.units;
  if (n === 0) return { units: 0, value: null, variance: null, unitVariance: null };
  if (d.kind === 'proportion') {
    const p = d.conversions / n;
    return { units: n, value: p, variance: (p * (1 - p)) / n, unitVariance: p * (1 - p) };
  }
  if (d.kind === 'mean') {
    const s2 = sampleVariance(`${prefix}value_sum_sq`, n, d.sum, d.sumSq);
    return { units: n, value: d.sum / n, variance: s2 === null ? null : s2 / n, unitVariance: s2 };
  }
  if (d.denSum === 0) return { units: n, value: null, variance: null, unitVariance: null };
  const r = d.numSum / d.denSum;
  const sy2 = sampleVariance(`${prefix}numSumSq`, n, d.numSum, d.numSumSq);
  const sx2 = sampleVariance(`${prefix}denSumSq`, n, d.denSum, d.denSumSq);
  const sxy = sampleCovariance(n, d.denSum, d.numSum, d.crossSum);
  if (sy2 === null || sx2 === null || sxy === null)
    return { units: n, value: r, variance: null, unitVariance: null };
  const xbar = d.denSum / n;
  const unitVar = Math.max(0, sy2 - 2 * r * sxy + r * r * sx2) / (xbar * xbar);
  return { units: n, value: r, variance: unitVar / n, unitVariance: unitVar };
}
