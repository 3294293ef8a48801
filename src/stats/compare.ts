import { normalQuantile, normalTwoSidedP, tQuantile, tTwoSidedP } from './distributions.js';
import { StatsInputError, requireProbability } from './errors.js';
import type { Estimate } from './metrics.js';

/** A variant compared with control: absolute and relative lift with intervals, and the test. */
export interface Comparison {
  absoluteLift: number | null;
  absoluteCi: [number, number] | null;
  relativeLift: number | null;
  relativeCi: [number, number] | null;
  /** z or Welch t statistic. */
  statistic: number | null;
  /** Welch–Satterthwaite degrees of freedom; null for a z test. */
  df: number | null;
  pValue: number | null;
  standardError: number | null;
}

export type TestKind = 'z' | 'welch';

const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

const EMPTY: Comparison = {
  absoluteLift: null,
  absoluteCi: null,
  relativeLift: null,
  relativeCi: null,
  statistic: null,
  df: null,
  pValue: null,
  standardError: null,
};

/**
 * Two-sided test of variant − control. `z`: Wald z test with the unpooled standard error
 * √(v_t + v_c) for proportions and delta-method ratios, so the p-value and the interval always
 * agree (statsmodels `test_proportions_2indep(method='wald')`). `welch`: Welch's t test with
 * Welch–Satterthwaite df = V²/(v_t²/(n_t−1) + v_c²/(n_c−1)) (scipy `ttest_ind(equal_var=False)`).
 * The relative lift r = m_t/m_c − 1 gets a delta-method interval, Var(r) ≈ v_t/m_c² +
 * m_t²·v_c/m_c⁴ (as in GrowthBook's frequentist engine), with the same critical value; null when
 * the control mean is 0. Zero total variance: a proportion test gives null statistics (0/n vs 0/n
 * says nothing); a mean test throws, because constant values make a t test meaningless.
 */
export function compare(control: Estimate, variant: Estimate, alpha: number, test: TestKind): Comparison {
  requireProbability('alpha', alpha);
  const mc = control.value;
  const mt = variant.value;
  if (mc === null || mt === null) return EMPTY;
  const d = mt - mc;
  const vc = control.variance;
  const vt = variant.variance;
  // A control mean of a denormal size overflows the ratio: no relative lift rather than ∞.
  const rel = finite(mc === 0 ? null : mt / mc - 1);
  if (vc === null || vt === null) return { ...EMPTY, absoluteLift: d, relativeLift: rel };
  const V = vc + vt;
  if (V === 0) {
    if (test === 'welch')
      throw new StatsInputError(
        'value_sum_sq',
        'zero variance in both variants: every value is the same, a t test needs spread',
      );
    return { ...EMPTY, absoluteLift: d, relativeLift: rel };
  }
  const se = Math.sqrt(V);
  const stat = d / se;
  let df: number | null = null;
  let p: number;
  let crit: number;
  if (test === 'welch') {
    // Written with the shares of V so that tiny variances do not underflow to 0/0.
    const st = vt / V;
    const sc = vc / V;
    df = 1 / ((st * st) / Math.max(1, variant.units - 1) + (sc * sc) / Math.max(1, control.units - 1));
    p = tTwoSidedP(stat, df);
    crit = tQuantile(1 - alpha / 2, df);
  } else {
    p = normalTwoSidedP(stat);
    crit = normalQuantile(1 - alpha / 2);
  }
  let relativeCi: [number, number] | null = null;
  if (rel !== null && mc !== null) {
    const vr = vt / (mc * mc) + (mt * mt * vc) / mc ** 4;
    const h = crit * Math.sqrt(vr);
    relativeCi = [rel - h, rel + h];
  }
  if (!Number.isFinite(stat)) return { ...EMPTY, absoluteLift: d, relativeLift: rel };
  return {
    absoluteLift: d,
    absoluteCi: [d - crit * se, d + crit * se],
    relativeLift: rel,
    relativeCi: relativeCi && relativeCi.every(Number.isFinite) ? relativeCi : null,
    statistic: stat,
    df,
    pValue: p,
    standardError: se,
  };
}
