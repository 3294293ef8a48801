import {
  attributeAggregated,
  DATA_DRIVEN_MODELS,
  labelWeights,
  labelWeightsPerTouch,
  type ModelName,
} from '../../attribution/index.js';
import { csvLine } from '../../core/csv-line.js';
import type { KpiModel } from '../../core/report-params.js';
import type { FieldError } from '../../core/schemas/index.js';
import type { AppStore, ConversionCredit, CreditStep, EventStore, Workspace } from '../../store/ports.js';
import {
  journeyQuery,
  notSet,
  notSetLabels,
  parseAttributionParams,
  type AttributionParams,
} from './report.js';

/** One touch of one conversion under one model: the transaction-level credit a partner is paid on. */
export interface CreditExportRow extends Omit<CreditStep, 'ts'> {
  model: ModelName;
  conversion_id: string;
  conversion_ts: string;
  type: string;
  status: string;
  /** ISO time of the touch; null for the Direct step of a conversion with no touchpoint. */
  touch_ts: string | null;
  /** weight when the conversion counts (completed or refunded in part), else 0. */
  conversions: number;
  /** weight × the value after refunds in the base currency; null without an exchange rate. */
  value: number | null;
  currency: string;
}

export const CREDIT_EXPORT_COLUMNS: ReadonlyArray<keyof CreditExportRow> = [
  'model',
  'conversion_id',
  'conversion_ts',
  'type',
  'status',
  'touch_ts',
  'channel',
  'source',
  'medium',
  'campaign',
  'ad_group',
  'ad',
  'partner',
  'landing_page',
  'device',
  'country',
  'weight',
  'conversions',
  'value',
  'currency',
];

/**
 * Transaction-level attribution: every conversion of the period, touch by touch, with its share
 * under each asked model. Rule-based models read the credit stored per conversion (computed where
 * missing); Markov and Shapley are fitted on the period's journeys (by `p.by`) and their label
 * weights applied to each conversion's path as the report does: a label's share is its weight over
 * the path's distinct labels' weights, split evenly over its touches. Summed per label, the rows
 * give the report's figures. Paths are as stored (no collapsing of repeats: parse with
 * parseCreditExportParams).
 */
export async function* creditExport(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  p: AttributionParams,
): AsyncIterable<CreditExportRow> {
  // Markov and Shapley fitted once, on one build of the journeys, for all the asked ones.
  const dataDriven = p.models.filter((m) => DATA_DRIVEN_MODELS.includes(m));
  const fitted = new Map<ModelName, ReadonlyMap<string, number>>();
  if (dataDriven.length) {
    const journeys = await stores.events.attributionPaths(ws.id, journeyQuery(ws, p));
    for (const f of attributeAggregated(notSetLabels(journeys.paths), dataDriven, p.params))
      fitted.set(f.model, labelWeights(f)!);
  }
  for (const model of p.models) {
    const weights = fitted.get(model);
    const reweigh = weights
      ? (steps: CreditStep[]) =>
          labelWeightsPerTouch(
            steps.map((s) => notSet(s[p.by])),
            weights,
          )
      : null;
    const rows = stores.events.creditRows(ws.id, {
      from: p.from,
      to: p.to,
      timeZone: ws.time_zone,
      baseCurrency: ws.base_currency,
      // Data-driven models re-weigh the linear model's stored paths (every touch, in order).
      attribution: { ...p.settings, model: weights ? 'linear' : (model as KpiModel) },
    });
    for await (const c of rows) {
      const weights = reweigh ? reweigh(c.steps) : null;
      for (const [i, s] of c.steps.entries()) yield row(model, c, s, weights ? weights[i]! : s.weight, ws);
    }
  }
}

function row(
  model: ModelName,
  c: ConversionCredit,
  s: CreditStep,
  weight: number,
  ws: Workspace,
): CreditExportRow {
  const { ts, ...step } = s;
  return {
    model,
    conversion_id: c.conversion_id,
    conversion_ts: new Date(c.ts).toISOString(),
    type: c.type,
    status: c.status,
    touch_ts: ts === null ? null : new Date(ts).toISOString(),
    ...step,
    weight,
    conversions: c.counted ? weight : 0,
    value: c.value === null ? null : weight * c.value,
    currency: ws.base_currency,
  };
}

export type CreditExportFormat = 'ndjson' | 'csv';

/**
 * `GET /v1/export/credit` / `rendement export credit` parameters: the attribution report's, with
 * `model` defaulting to the KPI engine's last non-direct click, no `collapse` (stored paths keep
 * every touch), and `format` ndjson (default) or csv.
 */
export function parseCreditExportParams(
  q: Record<string, unknown>,
): { params: AttributionParams & { format: CreditExportFormat } } | { errors: FieldError[] } {
  const parsed = parseAttributionParams({ ...q, model: q.model ?? 'last_non_direct', collapse: undefined });
  const errors = 'errors' in parsed ? [...parsed.errors] : [];
  if (q.collapse !== undefined && q.collapse !== '')
    errors.push({ field: 'collapse', reason: 'is not available for the per-conversion export' });
  const format = q.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv')
    errors.push({ field: 'format', reason: 'must be ndjson or csv' });
  if (errors.length || 'errors' in parsed) return { errors };
  return { params: { ...parsed.params, format: format as CreditExportFormat } };
}

/** The export's first line: the CSV header (none for NDJSON). */
export function creditExportHeader(format: CreditExportFormat): string {
  return format === 'csv' ? `${csvLine(CREDIT_EXPORT_COLUMNS)}\n` : '';
}

/** One row of the export as a line in its format. */
export function creditExportLine(r: CreditExportRow, format: CreditExportFormat): string {
  return format === 'csv' ? `${csvLine(CREDIT_EXPORT_COLUMNS.map((c) => r[c]))}\n` : `${JSON.stringify(r)}\n`;
}
