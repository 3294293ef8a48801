import { StatsInputError, requireCount, requireFinite } from './errors.js';
import type { Estimate } from './metrics.js';

/**
 * One variant's sums of the metric y and of its pre-period covariate x over the same units
 * (for example revenue in the test and revenue of the same visitors in the 4 weeks before).
 */
export interface CupedData {
  units: number;
  sumY: number;
  sumY2: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

/** CUPED-adjusted estimates and the shared coefficient θ. */
export interface CupedResult {
  theta: number;
  estimates: Estimate[];
  /** 1 − Var(adjusted)/Var(unadjusted) per variant: the share of variance CUPED removed. */
  varianceReduction: Array<number | null>;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the Sensitivity of Online Controlled
 * Experiments by Utilizing Pre-Experiment Data", WSDM, §3.2): Y_cv = Y − θ·(X − E X) with
 * θ = Cov(Y, X)/Var(X) estimated on all units pooled. The adjusted mean of variant k is
 * ȳ_k − θ·(x̄_k − x̄), its variance (s²_y − 2θ·s_xy + θ²·s²_x)/n_k from the variant's own
 * moments; the variance shrinks by the factor 1 − ρ². θ is shared by all variants so the
 * adjustment cancels in expectation and the lift stays unbiased (X is pre-treatment).
 */
export function cuped(variants: CupedData[]): CupedResult {
  if (variants.length < 2)
    throw new StatsInputError('variants', `need a control and at least one variant (got ${variants.length})`);
  let N = 0;
  let sy = 0;
  let sx = 0;
  let sxx = 0;
  let sxy = 0;
  variants.forEach((v, i) => {
    requireCount(`variants[${i}].units`, v.units);
    for (const k of ['sumY', 'sumY2', 'sumX', 'sumX2', 'sumXY'] as const)
      requireFinite(`variants[${i}].${k}`, v[k]);
    N += v.units;
    sy += v.sumY;
    sx += v.sumX;
    sxx += v.sumX2;
    sxy += v.sumXY;
  });
  if (N < 3) throw new StatsInputError('units', `CUPED needs at least 3 units in all (got ${N})`);
  const varX = (sxx - (sx * sx) / N) / (N - 1);
  if (!(varX > 0))
    throw new StatsInputError(
      'covariate',
      'the pre-period covariate has zero variance: it cannot explain anything',
    );
  const theta = (sxy - (sx * sy) / N) / (N - 1) / varX;
  const xbar = sx / N;
  const reduction: Array<number | null> = [];
  const estimates = variants.map((v): Estimate => {
    const n = v.units;
    if (n < 2) {
      reduction.push(null);
      return {
        units: n,
        value: n === 0 ? null : (v.sumY - theta * (v.sumX - n * xbar)) / n,
        variance: null,
        unitVariance: null,
      };
    }
    const vy = (v.sumY2 - (v.sumY * v.sumY) / n) / (n - 1);
    const vx = (v.sumX2 - (v.sumX * v.sumX) / n) / (n - 1);
    const cxy = (v.sumXY - (v.sumX * v.sumY) / n) / (n - 1);
    const adj = Math.max(0, vy - 2 * theta * cxy + theta * theta * vx);
    reduction.push(vy > 0 ? 1 - adj / vy : null);
    return {
      units: n,
      value: v.sumY / n - theta * (v.sumX / n - xbar),
      variance: adj / n,
      unitVariance: adj,
    };
  });
  return { theta, estimates, varianceReduction: reduction };
}
