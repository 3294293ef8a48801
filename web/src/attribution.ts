/**
 * The answers of `GET /v1/attribution` and `GET /v1/attribution/paths` (PRODUCT.md "Attribution",
 * src/services/attribution/report.ts) and what the Attribution page derives from them.
 */

import type { AttributionChannel, AttributionReport } from '../../src/services/attribution/report.js';

/** The eight models the server computes, in the order the page shows them (rules first, then data-driven). */
export const ATTRIBUTION_MODELS = [
  'last_click',
  'last_non_direct',
  'first_click',
  'linear',
  'time_decay',
  'position_based',
  'markov',
  'shapley',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const ATTRIBUTION_BY = ['channel', 'source', 'medium', 'campaign', 'partner'] as const;
export type AttributionBy = (typeof ATTRIBUTION_BY)[number];

/** What the chart and the matrix show per label and model. */
export const ATTRIBUTION_METRICS = ['conversions', 'value', 'cpa', 'roas', 'share'] as const;
export type AttributionMetric = (typeof ATTRIBUTION_METRICS)[number];

// The wire types are the server's own (type-only imports: nothing of the server is bundled).
export type {
  AttributionChannel,
  AttributionReport,
  PathsReport,
} from '../../src/services/attribution/report.js';

/** One row of the label × model matrix: the label's cost and, per model, its credited figures. */
export interface MatrixRow {
  label: string;
  cost: number;
  byModel: Partial<Record<AttributionModel, AttributionChannel>>;
}

/**
 * Pivot the report into one row per label (channel, source, …) with every model's credit beside
 * each other; a label a model gives no credit to has no entry for that model (shown as a dash, not 0,
 * because "no row" and "zero credit" are the server's to tell apart). Cost does not depend on the
 * model, so it is taken from whichever model lists the label.
 */
export function attributionMatrix(
  report: AttributionReport,
  models: readonly AttributionModel[],
): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const m of models) {
    for (const c of report.models[m]?.channels ?? []) {
      let r = rows.get(c.channel);
      if (!r) rows.set(c.channel, (r = { label: c.channel, cost: c.cost, byModel: {} }));
      r.byModel[m] = c;
      if (c.cost > r.cost) r.cost = c.cost;
    }
  }
  return [...rows.values()];
}

/** A cell's number for sorting and charting; null when the model has no row or the ratio is undefined. */
export function cell(row: MatrixRow, model: AttributionModel, metric: AttributionMetric): number | null {
  const c = row.byModel[model];
  if (!c) return null;
  const v = c[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Sort the matrix by `label`, `cost` or `MODEL` (that model's figure of the chosen metric); rows
 * without a figure go last whatever the direction, so a sort never leads with dashes.
 */
export function sortMatrix(
  rows: readonly MatrixRow[],
  key: string,
  dir: 'asc' | 'desc',
  metric: AttributionMetric,
): MatrixRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = (r: MatrixRow): number | null =>
    key === 'cost' ? r.cost : cell(r, key as AttributionModel, metric);
  return [...rows].sort((a, b) => {
    if (key === 'label') return sign * a.label.localeCompare(b.label);
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return a.label.localeCompare(b.label);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || a.label.localeCompare(b.label);
  });
}

/** The models in a `models=` query value, in page order; empty or unknown means all of them. */
export function parseModels(q: string): AttributionModel[] {
  const asked = new Set(q.split(',').map((s) => s.trim()));
  const list = ATTRIBUTION_MODELS.filter((m) => asked.has(m));
  return list.length ? list : [...ATTRIBUTION_MODELS];
}

/** The server's time-to-conversion buckets, keyed for the message files (the API sends English). */
export const TIME_BUCKET_KEYS: Record<string, string> = {
  'no touchpoint': 'none',
  '< 1 day': 'd0',
  '1–3 days': 'd1_3',
  '4–7 days': 'd4_7',
  '8–14 days': 'd8_14',
  '15–30 days': 'd15_30',
  '> 30 days': 'd30',
};
