import { chiSquareSf } from './distributions.js';
import { holm } from './corrections.js';
import { StatsInputError, requireCount, requireFinite } from './errors.js';

/** Result of a sample-ratio-mismatch check. */
export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  expected: number[];
  observedShare: Array<number | null>;
  expectedShare: number[];
}

/** Threshold below which an SRM p-value means the split is broken (the customary 0.001 — SRM tests run on every experiment, every day). */
export const SRM_THRESHOLD = 0.001;

function shares(weights: number[] | undefined, k: number): number[] {
  if (weights === undefined) return Array.from({ length: k }, () => 1 / k);
  if (weights.length !== k)
    throw new StatsInputError('allocation', `needs one weight per variant (${k}, got ${weights.length})`);
  weights.forEach((w, i) => {
    requireFinite(`allocation[${i}]`, w);
    if (!(w > 0)) throw new StatsInputError(`allocation[${i}]`, `must be positive (got ${w})`);
  });
  const t = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / t);
}

/**
 * Sample-ratio mismatch: Pearson's chi-square goodness-of-fit test of the observed units per
 * variant against the planned allocation, χ² = Σ (o_k − e_k)²/e_k with e_k = N·w_k/Σw, K − 1
 * degrees of freedom (Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch in Online Controlled
 * Experiments", KDD). Weights default to an equal split.
 */
export function srmTest(units: number[], allocation?: number[]): SrmResult {
  if (units.length < 2)
    throw new StatsInputError('variants', `need at least two variants (got ${units.length})`);
  units.forEach((u, i) => requireCount(`variants[${i}].units`, u));
  const w = shares(allocation, units.length);
  const N = units.reduce((a, b) => a + b, 0);
  const expected = w.map((x) => x * N);
  const chi = N === 0 ? 0 : units.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
  const df = units.length - 1;
  return {
    chiSquare: chi,
    df,
    pValue: N === 0 ? 1 : chiSquareSf(chi, df),
    expected,
    observedShare: units.map((u) => (N === 0 ? null : u / N)),
    expectedShare: w,
  };
}

/** Units per variant in one segment of one dimension (device = mobile, day = 2026-11-03, …). */
export interface SrmSegment {
  dimension: string;
  segment: string;
  units: number[];
}

/** One segment's SRM test, with the variant most out of line. */
export interface SrmSegmentResult extends SrmSegment {
  chiSquare: number;
  pValue: number;
  /** Holm-adjusted over all segments checked. */
  pAdjusted: number;
  /** Index of the variant with the largest standardised residual (o − e)/√e, and that residual. */
  worstVariant: number;
  residual: number;
  mismatch: boolean;
}

/**
 * Where does an SRM come from? Each segment (device, browser, source, day, …) gets its own
 * chi-square test against the same allocation; p-values are Holm-adjusted over all segments and
 * the result is sorted by χ², largest first, with the most over- or under-represented variant.
 * A mismatch confined to one browser or one day usually points at a redirect, a bot filter or a
 * deployment (Fabijan et al. 2019, §5).
 */
export function srmBreakdown(
  segments: SrmSegment[],
  allocation?: number[],
  threshold = SRM_THRESHOLD,
): SrmSegmentResult[] {
  const tests = segments.map((s, i) => {
    try {
      return srmTest(s.units, allocation);
    } catch (e) {
      if (e instanceof StatsInputError) throw new StatsInputError(`segments[${i}].${e.field}`, e.reason);
      throw e;
    }
  });
  const adj = holm(tests.map((t) => t.pValue));
  return segments
    .map((s, i) => {
      const t = tests[i]!;
      let worst = 0;
      let res = 0;
      s.units.forEach((o, k) => {
        const e = t.expected[k]!;
        const r = e > 0 ? (o - e) / Math.sqrt(e) : 0;
        if (Math.abs(r) > Math.abs(res)) {
          res = r;
          worst = k;
        }
      });
      const pa = adj[i] as number;
      return {
        ...s,
        chiSquare: t.chiSquare,
        pValue: t.pValue,
        pAdjusted: pa,
        worstVariant: worst,
        residual: res,
        mismatch: pa < threshold,
      };
    })
    .sort((a, b) => b.chiSquare - a.chiSquare);
}
