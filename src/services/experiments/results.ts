import { nextDate, zonedDayStart } from '../../core/time.js';
import {
  SRM_THRESHOLD,
  StatsInputError,
  analyzeExperiment,
  experimentReport,
  srmBreakdown,
  srmTest,
  verdictLanguage,
  type Correction,
  type MetricInput,
} from '../../stats/index.js';
import type {
  AppStore,
  EventStore,
  Experiment,
  ExperimentFacts,
  ExperimentMetric,
  ExperimentVariantFacts,
  Workspace,
} from '../../store/ports.js';

interface Stores {
  app: AppStore;
  events: EventStore;
}

export interface ResultOptions {
  /** Language of the verdicts (en, nl, fr, or a tag such as nl-BE); the workspace's by default. */
  locale?: string;
  alpha?: number;
  correction?: Correction;
  /** Days before the first exposure whose revenue is the CUPED covariate (default 28; 0 = no CUPED). */
  preDays?: number;
  now?: number;
}

export const DEFAULT_PRE_DAYS = 28;
/** Segments listed in the SRM breakdown, largest χ² first. */
const MAX_SEGMENTS = 50;

const zero = (variant: string): ExperimentVariantFacts => ({
  variant,
  units: 0,
  converters: 0,
  orders: 0,
  orders_sq: 0,
  revenue: 0,
  revenue_sq: 0,
  revenue_orders: 0,
  pre_revenue: 0,
  pre_revenue_sq: 0,
  pre_cross: 0,
  crossovers: 0,
  unconverted: 0,
});

/**
 * CUPED only helps (and is only defined) when the covariate varies over the units: pooled
 * Var(X) > 0 with at least 3 units — else the plain Welch mean is the honest answer.
 */
function cupedApplies(rows: ExperimentVariantFacts[]): boolean {
  const n = rows.reduce((s, r) => s + r.units, 0);
  const sx = rows.reduce((s, r) => s + r.pre_revenue, 0);
  const sxx = rows.reduce((s, r) => s + r.pre_revenue_sq, 0);
  return n >= 3 && sxx - (sx * sx) / n > 1e-9 * Math.max(1, sxx);
}

/** The stats input of one experiment metric from the per-variant sums. */
export function metricInput(
  name: ExperimentMetric,
  rows: ExperimentVariantFacts[],
  cuped: boolean,
): MetricInput {
  if (name === 'conversion_rate')
    return {
      name,
      kind: 'proportion',
      data: rows.map((r) => ({ kind: 'proportion', units: r.units, conversions: r.converters })),
    };
  if (name === 'aov')
    return {
      name,
      kind: 'ratio',
      data: rows.map((r) => ({
        kind: 'ratio',
        units: r.units,
        numSum: r.revenue,
        numSumSq: r.revenue_sq,
        denSum: r.orders,
        denSumSq: r.orders_sq,
        crossSum: r.revenue_orders,
      })),
    };
  if (cuped)
    return {
      name,
      kind: 'cuped',
      data: rows.map((r) => ({
        units: r.units,
        sumY: r.revenue,
        sumY2: r.revenue_sq,
        sumX: r.pre_revenue,
        sumX2: r.pre_revenue_sq,
        sumXY: r.pre_cross,
      })),
    };
  return {
    name,
    kind: 'mean',
    data: rows.map((r) => ({ kind: 'mean', units: r.units, sum: r.revenue, sumSq: r.revenue_sq })),
  };
}

/** Only the split can be checked yet: units, conversions and the SRM test. */
function noMetricReport(
  names: string[],
  units: number[],
  allocation: number[],
  alpha: number,
  correction: Correction,
  rows: ExperimentVariantFacts[],
): ReturnType<typeof experimentReport> {
  const srm = srmTest(units, allocation);
  return {
    alpha,
    correction,
    srm_p_value: srm.pValue,
    srm: {
      chi_square: srm.chiSquare,
      df: srm.df,
      p_value: srm.pValue,
      mismatch: srm.pValue < SRM_THRESHOLD,
      expected_share: srm.expectedShare,
      observed_share: srm.observedShare,
    },
    variants: names.map((variant, i) => ({
      variant,
      control: i === 0,
      units: units[i]!,
      conversions: rows[i]!.converters,
      value: null,
      ci: null,
      abs_lift: null,
      abs_lift_ci: null,
      rel_lift: null,
      rel_lift_ci: null,
      p_value: null,
      p_adjusted: null,
      significant: false,
      chance_to_beat_control: null,
      chance_to_be_best: null,
      expected_loss: null,
      credible_interval: null,
      sequential_p_value: null,
      sequential_ci: null,
      verdict: null,
      metrics: {},
    })),
    verdicts: [],
  };
}

/** The workspace's language when Rendement speaks it, else English. */
function verdictLocale(locale: string): string {
  try {
    verdictLanguage(locale);
    return locale;
  } catch {
    return 'en';
  }
}

/**
 * The results of an event-based experiment over its window (start of `from` to the end of `to`,
 * or now, in the workspace's time zone): the facts from the event store through the pure
 * analysis — every method of `analyzeExperiment` on the primary, secondary and guardrail metrics
 * (revenue per visitor CUPED-adjusted when the pre-period covariate varies), the SRM check on the
 * planned allocation and its breakdown by device, browser, channel and day — with verdicts in the
 * workspace's language.
 */
export function analyzeFacts(
  exp: Experiment,
  facts: ExperimentFacts,
  locale: string,
  opts: ResultOptions = {},
) {
  const names = exp.variants.map((v) => v.name);
  const byName = new Map(facts.variants.map((r) => [r.variant, r]));
  const rows = names.map((n) => byName.get(n) ?? zero(n));
  const unknown = facts.variants.filter((r) => !names.includes(r.variant));
  const cuped = (opts.preDays ?? DEFAULT_PRE_DAYS) > 0 && cupedApplies(rows);
  const metrics = [exp.primary_metric, ...exp.secondary_metrics, ...exp.guardrail_metrics];
  const allocation = exp.variants.map((v) => v.allocation);
  const base = {
    variants: names,
    allocation,
    units: rows.map((r) => r.units),
    alpha: opts.alpha,
    correction: opts.correction,
    locale: verdictLocale(locale),
  };
  // Early in a test a metric may have nothing to compare yet (no purchase in any variant: zero
  // variance). It is left out with the reason, and the others are analysed and corrected without it.
  const skipped: Array<{ name: ExperimentMetric; reason: string }> = [];
  const inputs: MetricInput[] = [];
  for (const m of metrics) {
    const input = metricInput(m, rows, cuped);
    try {
      analyzeExperiment({ ...base, metrics: [input] });
      inputs.push(input);
    } catch (e) {
      if (!(e instanceof StatsInputError)) throw e;
      skipped.push({ name: m, reason: `${e.field}: ${e.reason}` });
    }
  }
  const report =
    inputs.length > 0
      ? experimentReport(
          analyzeExperiment({ ...base, metrics: inputs }),
          rows.map((r) => r.converters),
        )
      : noMetricReport(
          base.variants,
          base.units,
          allocation,
          opts.alpha ?? 0.05,
          opts.correction ?? 'holm',
          rows,
        );
  const cells = new Map<string, { dimension: string; segment: string; units: number[] }>();
  for (const s of facts.segments) {
    const i = names.indexOf(s.variant);
    if (i < 0) continue;
    const key = `${s.dimension}\u0000${s.segment}`;
    let c = cells.get(key);
    if (!c) {
      c = { dimension: s.dimension, segment: s.segment, units: names.map(() => 0) };
      cells.set(key, c);
    }
    c.units[i]! += s.units;
  }
  const breakdown = srmBreakdown([...cells.values()], allocation);
  const roles = new Map<string, string>([
    ...exp.guardrail_metrics.map((m) => [m, 'guardrail'] as const),
    ...exp.secondary_metrics.map((m) => [m, 'secondary'] as const),
    [exp.primary_metric, 'primary'] as const,
  ]);
  return {
    ...report,
    metrics: metrics.map((m) => ({
      name: m,
      role: roles.get(m)!,
      analysed: !skipped.some((x) => x.name === m),
    })),
    skipped_metrics: skipped,
    cuped: { applied: cuped, pre_days: opts.preDays ?? DEFAULT_PRE_DAYS },
    variants: report.variants.map((v, i) => ({
      ...v,
      orders: rows[i]!.orders,
      revenue: rows[i]!.revenue,
      crossovers: rows[i]!.crossovers,
    })),
    srm_breakdown: breakdown.slice(0, MAX_SEGMENTS).map((s) => ({
      dimension: s.dimension,
      segment: s.segment === '' ? '(not set)' : s.segment,
      units: Object.fromEntries(names.map((n, i) => [n, s.units[i]!])),
      chi_square: s.chiSquare,
      p_value: s.pValue,
      p_adjusted: s.pAdjusted,
      most_off_variant: names[s.worstVariant]!,
      residual: s.residual,
      mismatch: s.mismatch,
    })),
    unknown_variants: unknown.map((r) => ({ variant: r.variant, units: r.units })),
    unconverted_conversions: rows.reduce((s, r) => s + r.unconverted, 0),
  };
}

/** See analyzeFacts: reads the experiment's facts for its window, then analyses them. */
export async function experimentResults(
  stores: Stores,
  ws: Workspace,
  exp: Experiment,
  opts: ResultOptions = {},
) {
  const now = opts.now ?? Date.now();
  const from = zonedDayStart(exp.from, ws.time_zone);
  const end = exp.to === null ? now : Math.min(now, zonedDayStart(nextDate(exp.to), ws.time_zone));
  const to = Math.max(from, end);
  const preDays = opts.preDays ?? DEFAULT_PRE_DAYS;
  const facts = await stores.events.experimentFacts(ws.id, {
    key: exp.key,
    from,
    to,
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    conversionType: exp.conversion_type,
    preDays,
  });
  return {
    experiment: exp,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    currency: ws.base_currency,
    locale: opts.locale ?? ws.locale,
    ...analyzeFacts(exp, facts, opts.locale ?? ws.locale, { ...opts, preDays }),
  };
}
