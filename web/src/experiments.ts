/**
 * The answers of `GET /v1/experiments`, `GET /v1/experiments/:id/results` and
 * `GET /v1/experiments/plan` (src/http/routes/experiments.ts, src/stats/aggregates.ts), as the
 * Experiments page reads them.
 */
import type { WireMetric } from '../../src/stats/aggregates.js';

export type ExperimentMetric = 'conversion_rate' | 'revenue_per_visitor' | 'aov';

export interface Experiment {
  id: string;
  key: string;
  name: string;
  hypothesis: string | null;
  variants: Array<{ name: string; allocation: number }>;
  primary_metric: ExperimentMetric;
  secondary_metrics: ExperimentMetric[];
  guardrail_metrics: ExperimentMetric[];
  conversion_type: string;
  from: string;
  to: string | null;
  status: 'draft' | 'running' | 'stopped' | 'completed';
}

/** One metric of one variant on the wire: the server's own type (type-only: nothing is bundled). */
export type { WireMetric };

export interface ExperimentResults {
  experiment: Experiment;
  currency: string;
  locale: string;
  alpha: number;
  correction: string;
  srm: { p_value: number; mismatch: boolean; expected_share: number[]; observed_share: number[] };
  variants: Array<
    WireMetric & {
      variant: string;
      control: boolean;
      units: number;
      conversions?: number;
      crossovers?: number;
      metrics: Partial<Record<ExperimentMetric, WireMetric>>;
    }
  >;
  metrics?: Array<{ name: ExperimentMetric; role: 'primary' | 'secondary' | 'guardrail'; analysed: boolean }>;
  skipped_metrics?: Array<{ name: ExperimentMetric; reason: string }>;
  cuped?: { applied: boolean; pre_days: number };
  unknown_variants?: Array<{ variant: string; units: number }>;
  verdicts: string[];
}

export interface ExperimentPlan {
  metric: 'proportion' | 'mean';
  baseline: number;
  target: number;
  mde_absolute: number;
  mde_relative: number | null;
  alpha: number;
  alpha_per_comparison: number;
  power: number;
  sample_size_per_variant: number;
  total_sample_size: number;
  daily_traffic: number | null;
  duration_days: number | null;
  daily_traffic_source: string | null;
}

/** Money metrics (formatted in the workspace currency) versus the rate (a percentage). */
export const isMoneyMetric = (m: ExperimentMetric): boolean => m !== 'conversion_rate';

/** The metrics of an experiment in the order the page lists them: primary, secondary, guardrails. */
export function experimentMetrics(e: Experiment): ExperimentMetric[] {
  return [e.primary_metric, ...e.secondary_metrics, ...e.guardrail_metrics];
}

/**
 * Where an interval [lo, hi] sits on a symmetric axis [−r, r] drawn `width` wide, with r the
 * largest |bound| over all rows (so every row shares the scale and zero is the middle): the left
 * edge and width in pixels. Null intervals (control, too little data) draw nothing.
 */
export function intervalBox(
  ci: [number, number] | null,
  range: number,
  width: number,
): { x: number; w: number } | null {
  if (!ci || !(range > 0) || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return null;
  const px = (v: number) => ((Math.max(-range, Math.min(range, v)) + range) / (2 * range)) * width;
  const x = px(Math.min(ci[0], ci[1]));
  return { x, w: Math.max(1, px(Math.max(ci[0], ci[1])) - x) };
}
