import type { ExperimentInput, ExperimentResult, VariantMetricResult } from './analyze.js';
import type { Correction } from './corrections.js';
import { StatsInputError } from './errors.js';

/**
 * One row of aggregate results per variant, as PRODUCT.md's CSV gives them
 * (`variant,units,conversions[,value_sum,value_sum_sq][,allocation]`, control first) or an ad
 * platform reports them per ad.
 */
export interface AggregateRow {
  variant: string;
  units: number;
  conversions: number;
  valueSum?: number;
  valueSumSq?: number;
  allocation?: number;
}

/**
 * The experiment input for aggregate rows: `conversion_rate` (conversions/units) always, and
 * `value_per_unit` (value_sum/units, Welch) when every row has value_sum and value_sum_sq; the
 * allocation column, when present, is the SRM check's planned split. All-or-none per column.
 */
export function experimentFromAggregates(
  rows: AggregateRow[],
  options: { alpha?: number; correction?: Correction; locale?: string; sequentialTuning?: number } = {},
): ExperimentInput {
  if (rows.length < 2)
    throw new StatsInputError('variants', `need a control and at least one variant (got ${rows.length})`);
  const some = (k: keyof AggregateRow) => rows.some((r) => r[k] !== undefined);
  const all = (k: keyof AggregateRow) => rows.every((r) => r[k] !== undefined);
  for (const [k, wire] of [
    ['valueSum', 'value_sum'],
    ['valueSumSq', 'value_sum_sq'],
    ['allocation', 'allocation'],
  ] as const) {
    if (some(k) && !all(k)) throw new StatsInputError(wire, 'is given for some variants but not all');
  }
  if (all('valueSum') !== all('valueSumSq'))
    throw new StatsInputError(
      all('valueSum') ? 'value_sum_sq' : 'value_sum',
      'value_sum and value_sum_sq go together',
    );
  const metrics: ExperimentInput['metrics'] = [
    {
      name: 'conversion_rate',
      kind: 'proportion',
      data: rows.map((r) => ({ kind: 'proportion', units: r.units, conversions: r.conversions })),
    },
  ];
  if (all('valueSum'))
    metrics.push({
      name: 'value_per_unit',
      kind: 'mean',
      data: rows.map((r) => ({ kind: 'mean', units: r.units, sum: r.valueSum!, sumSq: r.valueSumSq! })),
    });
  return {
    variants: rows.map((r) => r.variant),
    allocation: all('allocation') ? rows.map((r) => r.allocation!) : undefined,
    metrics,
    ...options,
  };
}

/** One metric of one variant on the wire (snake_case, PRODUCT.md). */
export interface WireMetric {
  value: number | null;
  ci: [number, number] | null;
  abs_lift: number | null;
  abs_lift_ci: [number, number] | null;
  rel_lift: number | null;
  rel_lift_ci: [number, number] | null;
  p_value: number | null;
  p_adjusted: number | null;
  significant: boolean;
  chance_to_beat_control: number | null;
  chance_to_be_best: number | null;
  expected_loss: number | null;
  credible_interval: [number, number] | null;
  sequential_p_value: number | null;
  sequential_ci: [number, number] | null;
  variance_reduction?: number | null;
  verdict: string | null;
}

function wireMetric(v: VariantMetricResult): WireMetric {
  const c = v.comparison;
  return {
    value: v.value,
    ci: v.ci,
    abs_lift: c?.absoluteLift ?? null,
    abs_lift_ci: c?.absoluteCi ?? null,
    rel_lift: c?.relativeLift ?? null,
    rel_lift_ci: c?.relativeCi ?? null,
    p_value: c?.pValue ?? null,
    p_adjusted: v.pAdjusted,
    significant: v.significant,
    chance_to_beat_control: v.bayes?.chanceToBeatControl ?? null,
    chance_to_be_best: v.bayes?.chanceToBeBest ?? null,
    expected_loss: v.bayes?.expectedLoss ?? null,
    credible_interval: v.bayes?.credibleInterval ?? null,
    sequential_p_value: v.sequential?.pValue ?? null,
    sequential_ci: v.sequential?.ci ?? null,
    ...(v.varianceReduction === null ? {} : { variance_reduction: v.varianceReduction }),
    verdict: v.verdict,
  };
}

/**
 * The JSON answer for an analysis: per variant the conversion rate (`rate`) and, with values, the
 * mean value per unit (`mean`), with the first metric's lifts, intervals, p-values and chances at
 * the top level of each variant and every metric under `metrics`; the SRM check and its p-value.
 */
export function experimentReport(result: ExperimentResult, conversions?: number[]) {
  const primary = result.metrics[0]!;
  const byName = (name: string) => result.metrics.find((m) => m.name === name);
  const rate = byName('conversion_rate');
  const mean = byName('value_per_unit');
  return {
    alpha: result.alpha,
    correction: result.correction,
    srm_p_value: result.srm.pValue,
    srm: {
      chi_square: result.srm.chiSquare,
      df: result.srm.df,
      p_value: result.srm.pValue,
      mismatch: result.srm.mismatch,
      expected_share: result.srm.expectedShare,
      observed_share: result.srm.observedShare,
    },
    variants: primary.variants.map((v, i) => {
      const top = wireMetric(v);
      return {
        variant: v.variant,
        control: i === 0,
        units: v.units,
        ...(conversions ? { conversions: conversions[i]! } : {}),
        ...(rate ? { rate: rate.variants[i]!.value } : {}),
        ...(mean ? { mean: mean.variants[i]!.value } : {}),
        ...top,
        metrics: Object.fromEntries(result.metrics.map((m) => [m.name, wireMetric(m.variants[i]!)])),
      };
    }),
    verdicts: result.metrics.flatMap((m) =>
      m.variants.map((v) => v.verdict).filter((s): s is string => s !== null),
    ),
  };
}
