import { betaBinomial, normalPosterior, type BayesResult } from './bayesian.js';
import { compare, type Comparison, type TestKind } from './compare.js';
import { adjust, type Correction } from './corrections.js';
import { cuped, type CupedData } from './cuped.js';
import { normalQuantile, tQuantile } from './distributions.js';
import { StatsInputError, requireProbability } from './errors.js';
import { estimate, type Estimate, type MetricData } from './metrics.js';
import { DEFAULT_SEQUENTIAL_TUNING, msprt } from './sequential.js';
import { SRM_THRESHOLD, srmTest, type SrmResult } from './srm.js';
import { verdict, verdictLanguage } from './verdict.js';

/** One metric of an experiment, one entry per variant (control first). */
export type MetricInput =
  | { name: string; kind: 'proportion' | 'mean' | 'ratio'; data: MetricData[] }
  | { name: string; kind: 'cuped'; data: CupedData[] };

export interface ExperimentInput {
  /** Variant names, control first. */
  variants: string[];
  /** Planned allocation weights (default equal), for the SRM check. */
  allocation?: number[];
  /** Units per variant for the SRM check (default: the first metric's units). */
  units?: number[];
  metrics: MetricInput[];
  alpha?: number;
  /** Across all variant × metric comparisons (default Holm). */
  correction?: Correction;
  locale?: string;
  sequentialTuning?: number;
}

/** Everything Rendement says about one variant on one metric. */
export interface VariantMetricResult {
  variant: string;
  units: number;
  value: number | null;
  /** Confidence interval of the variant's own rate or mean. */
  ci: [number, number] | null;
  comparison: Comparison | null;
  pAdjusted: number | null;
  significant: boolean;
  bayes: BayesResult | null;
  sequential: { pValue: number; ci: [number, number] } | null;
  /** Share of variance removed by CUPED (cuped metrics only). */
  varianceReduction: number | null;
  verdict: string | null;
}

export interface MetricResult {
  name: string;
  kind: MetricInput['kind'];
  variants: VariantMetricResult[];
}

export interface ExperimentResult {
  alpha: number;
  correction: Correction;
  srm: SrmResult & { mismatch: boolean };
  metrics: MetricResult[];
}

function checkDistinct(names: string[]): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n.trim() === '') throw new StatsInputError(`variants[${i}]`, 'needs a name');
    if (seen.has(n)) throw new StatsInputError(`variants[${i}]`, `"${n}" appears twice`);
    seen.add(n);
  });
}

/**
 * Full analysis of an experiment from aggregates: per metric and variant the estimate and its
 * interval, the frequentist comparison with control (z for proportions, ratios and CUPED-adjusted
 * means; Welch for means), p-values adjusted over all variant × metric comparisons (Holm by
 * default), the always-valid mSPRT p-value and interval, the Bayesian chance to beat control and
 * to be best with the expected loss (beta-binomial for proportions, normal otherwise), a
 * sample-ratio-mismatch check on the units, and a plain-language verdict. Each step's method and
 * reference is documented on its own function.
 */
export function analyzeExperiment(input: ExperimentInput): ExperimentResult {
  const alpha = input.alpha ?? 0.05;
  requireProbability('alpha', alpha);
  const correction = input.correction ?? 'holm';
  if (!['holm', 'bh', 'bonferroni', 'none'].includes(correction))
    throw new StatsInputError('correction', `must be holm, bh, bonferroni or none (got ${correction})`);
  const locale = input.locale ?? 'en';
  verdictLanguage(locale);
  const K = input.variants.length;
  if (K < 2) throw new StatsInputError('variants', `need a control and at least one variant (got ${K})`);
  checkDistinct(input.variants);
  if (input.metrics.length === 0) throw new StatsInputError('metrics', 'need at least one metric');
  const zc = normalQuantile(1 - alpha / 2);

  const partial = input.metrics.map((m) => {
    if (m.data.length !== K)
      throw new StatsInputError(
        `metrics.${m.name}`,
        `needs one entry per variant (${K}, got ${m.data.length})`,
      );
    let ests: Estimate[];
    let reduction: Array<number | null> = input.variants.map(() => null);
    if (m.kind === 'cuped') {
      const r = cuped(m.data);
      ests = r.estimates;
      reduction = r.varianceReduction;
    } else ests = m.data.map((d, i) => estimate(d, `variants[${i}].`));
    const test: TestKind = m.kind === 'mean' ? 'welch' : 'z';
    const comparisons = ests.map((e, i) => (i === 0 ? null : compare(ests[0]!, e, alpha, test)));
    let bayes: Array<BayesResult | null>;
    if (m.kind === 'proportion')
      bayes = betaBinomial(m.data as Array<{ units: number; conversions: number }>, alpha);
    else bayes = normalPosterior(ests, alpha);
    const sequential = ests.map((e, i) => {
      const c = comparisons[i];
      if (!c || c.absoluteLift === null || c.standardError === null) return null;
      return msprt(
        c.absoluteLift,
        c.standardError ** 2,
        e.units + ests[0]!.units,
        alpha,
        input.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING,
      );
    });
    return { m, ests, comparisons, bayes, sequential, reduction, test };
  });

  const flatP = partial.flatMap((p) => p.comparisons.slice(1).map((c) => c?.pValue ?? null));
  const adjusted = adjust(flatP, correction);
  let at = 0;
  const metrics: MetricResult[] = partial.map(
    ({ m, ests, comparisons, bayes, sequential, reduction, test }) => ({
      name: m.name,
      kind: m.kind,
      variants: ests.map((e, i): VariantMetricResult => {
        const pa = i === 0 ? null : (adjusted[at++] ?? null);
        const c = comparisons[i] ?? null;
        let ci: [number, number] | null = null;
        if (e.value !== null && e.variance !== null) {
          const crit = test === 'welch' && e.units > 1 ? tQuantile(1 - alpha / 2, e.units - 1) : zc;
          const h = crit * Math.sqrt(e.variance);
          ci = [e.value - h, e.value + h];
        }
        const b = bayes[i] ?? null;
        return {
          variant: input.variants[i]!,
          units: e.units,
          value: e.value,
          ci,
          comparison: c,
          pAdjusted: pa,
          significant: pa !== null && pa < alpha,
          bayes: b,
          sequential: sequential[i] ?? null,
          varianceReduction: reduction[i] ?? null,
          verdict:
            i === 0 || !c
              ? null
              : verdict({
                  locale,
                  variant: input.variants[i]!,
                  metric: m.name,
                  relativeLift: c.relativeLift,
                  relativeCi: c.relativeCi,
                  pValue: pa,
                  chanceToBeatControl: b?.chanceToBeatControl ?? null,
                  alpha,
                }),
        };
      }),
    }),
  );

  const units = input.units ?? metrics[0]!.variants.map((v) => v.units);
  const srm = srmTest(units, input.allocation);
  return { alpha, correction, srm: { ...srm, mismatch: srm.pValue < SRM_THRESHOLD }, metrics };
}
