import { KPI_NAMES, type KpiName } from './kpis.js';
import { COMPARISONS, GRAINS, type Comparison, type Grain } from './periods.js';
import type { FieldError } from './schemas/index.js';
import { isIsoDate } from './time.js';

/** Report dimensions (PRODUCT.md, "Reports"). */
export const DIMENSIONS = [
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
  'conversion_type',
  'customer_type',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The attribution models a KPI report can credit revenue with. The rule-based ones are computed
 * per conversion inside the event store; see src/store/events/credit.ts.
 */
export const KPI_MODELS = [
  'last_non_direct',
  'last_click',
  'first_click',
  'linear',
  'position_based',
  'time_decay',
] as const;
export type KpiModel = (typeof KPI_MODELS)[number];

/** How a model credits a path; the defaults of PRODUCT.md and the attribution issue. */
export interface ModelSettings {
  model: KpiModel;
  /** time_decay: a touch this many days before the conversion gets half the credit of one at it. */
  half_life_days: number;
  /** position_based: shares of the first and last touch; the middle ones share the rest. */
  first_share: number;
  last_share: number;
  /** Lookback windows: clicks/visits and impressions older than this before the conversion don't count. */
  click_lookback_days: number;
  view_lookback_days: number;
  /** Keep at most this many touches (the most recent) per conversion. */
  max_path_length: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  model: 'last_non_direct',
  half_life_days: 7,
  first_share: 0.4,
  last_share: 0.4,
  click_lookback_days: 30,
  view_lookback_days: 1,
  max_path_length: 50,
};

/**
 * The KPIs a report gives when none are named: all but the lead funnel's, which look at purchases
 * after each lead (a scan of its own) — name `lead_to_customer_rate` or `leads_won` to get them.
 */
export const DEFAULT_KPIS: readonly KpiName[] = KPI_NAMES.filter(
  (k) => k !== 'lead_to_customer_rate' && k !== 'leads_won',
);

export interface KpiReportParams {
  from: string;
  to: string;
  by: Dimension[];
  grain: Grain | null;
  metrics: readonly KpiName[];
  compare: Comparison | null;
  filters: Array<{ dimension: Dimension; values: string[] }>;
  attribution: ModelSettings;
  /** A lead is won when its person buys within this many days. */
  lead_window_days: number;
}

const list = (v: unknown): string[] | null => {
  if (v === undefined || v === '') return [];
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : [null]));
  if (parts.some((p) => p === null)) return null;
  return (parts as string[]).map((p) => p.trim()).filter(Boolean);
};

function oneOf<T extends string>(
  errors: FieldError[],
  field: string,
  v: unknown,
  allowed: readonly T[],
): T | null {
  if (v === undefined || v === '') return null;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  errors.push({ field, reason: `must be one of: ${allowed.join(', ')}` });
  return null;
}

function number(
  errors: FieldError[],
  field: string,
  v: unknown,
  fallback: number,
  check: (n: number) => string | null,
): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  const bad = Number.isFinite(n) ? check(n) : 'must be a number';
  if (bad) {
    errors.push({ field, reason: bad });
    return fallback;
  }
  return n;
}

/**
 * Read and check the parameters of a KPI report (`GET /v1/reports/kpis`, `rendement report kpis`):
 * dates as local `YYYY-MM-DD` with `from` ≤ `to`; `by` a comma list of dimensions; `metrics` a comma
 * list of KPI names (all by default); `filter` entries `dimension:value` (repeat a dimension for
 * "any of"). Every bad parameter is named, with the values it allows.
 */
export function parseKpiParams(
  q: Record<string, unknown>,
  defaults: Partial<ModelSettings> = {},
): { params: KpiReportParams } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const f of ['from', 'to'] as const) {
    const v = q[f];
    if (typeof v !== 'string' || !isIsoDate(v))
      errors.push({ field: f, reason: 'must be a date as YYYY-MM-DD' });
  }
  if (!errors.length && (q.from as string) > (q.to as string))
    errors.push({ field: 'from', reason: `must not be after to (${String(q.to)})` });

  const by = list(q.by);
  const dims: Dimension[] = [];
  if (by === null) errors.push({ field: 'by', reason: 'must be a comma-separated list of dimensions' });
  else
    for (const d of by) {
      if (!(DIMENSIONS as readonly string[]).includes(d))
        errors.push({ field: 'by', reason: `unknown dimension "${d}"; allowed: ${DIMENSIONS.join(', ')}` });
      else if (!dims.includes(d as Dimension)) dims.push(d as Dimension);
    }

  const metricList = list(q.metrics);
  const metrics: KpiName[] = [];
  if (metricList === null)
    errors.push({ field: 'metrics', reason: 'must be a comma-separated list of KPI names' });
  else
    for (const m of metricList) {
      if (!(KPI_NAMES as string[]).includes(m))
        errors.push({ field: 'metrics', reason: `unknown metric "${m}"; allowed: ${KPI_NAMES.join(', ')}` });
      else if (!metrics.includes(m as KpiName)) metrics.push(m as KpiName);
    }

  const filters = new Map<Dimension, string[]>();
  const rawFilters = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  for (const f of rawFilters) {
    const m = typeof f === 'string' ? /^([a-z_]+):(.*)$/s.exec(f) : null;
    if (!m || !(DIMENSIONS as readonly string[]).includes(m[1]!)) {
      errors.push({
        field: 'filter',
        reason: `"${String(f)}" must be dimension:value with a dimension among ${DIMENSIONS.join(', ')}`,
      });
      continue;
    }
    const dim = m[1] as Dimension;
    filters.set(dim, [...(filters.get(dim) ?? []), m[2]!]);
  }

  const grain = oneOf(errors, 'grain', q.grain, GRAINS);
  const compare = oneOf(errors, 'compare', q.compare, COMPARISONS);
  const base = { ...DEFAULT_MODEL_SETTINGS, ...defaults };
  const model = oneOf(errors, 'model', q.model, KPI_MODELS) ?? base.model;
  const positive = (n: number) => (n > 0 ? null : 'must be greater than 0');
  const share = (n: number) => (n >= 0 && n <= 1 ? null : 'must be between 0 and 1');
  const attribution: ModelSettings = {
    model,
    half_life_days: number(errors, 'half_life', q.half_life, base.half_life_days, positive),
    first_share: number(errors, 'first_share', q.first_share, base.first_share, share),
    last_share: number(errors, 'last_share', q.last_share, base.last_share, share),
    click_lookback_days: number(errors, 'lookback', q.lookback, base.click_lookback_days, (n) =>
      Number.isInteger(n) && n >= 1 && n <= 365 ? null : 'must be a whole number of days from 1 to 365',
    ),
    view_lookback_days: base.view_lookback_days,
    max_path_length: base.max_path_length,
  };
  const leadWindow = number(errors, 'lead_window', q.lead_window, 90, (n) =>
    Number.isInteger(n) && n >= 1 && n <= 730 ? null : 'must be a whole number of days from 1 to 730',
  );
  if (attribution.first_share + attribution.last_share > 1 + 1e-9)
    errors.push({ field: 'first_share', reason: 'first_share + last_share must not exceed 1' });

  if (errors.length) return { errors };
  return {
    params: {
      from: q.from as string,
      to: q.to as string,
      by: dims,
      grain,
      metrics: metrics.length ? metrics : DEFAULT_KPIS,
      compare,
      filters: [...filters].map(([dimension, values]) => ({ dimension, values })),
      attribution,
      lead_window_days: leadWindow,
    },
  };
}

export interface CohortReportParams {
  /** First days of the first and last acquisition months. */
  fromMonth: string;
  toMonth: string;
  /** Split each month's cohort by first-touch channel. */
  byChannel: boolean;
  attribution: ModelSettings;
}

/**
 * Read and check the parameters of a cohort report (`GET /v1/reports/cohorts`): `from`/`to` as
 * months `YYYY-MM` (or any date in them), `by` empty or `channel` (the first-touch channel).
 */
export function parseCohortParams(
  q: Record<string, unknown>,
  defaults: Partial<ModelSettings> = {},
): { params: CohortReportParams } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const month = (f: 'from' | 'to'): string => {
    const v = q[f];
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})(-\d{2})?$/.exec(v) : null;
    const first = m ? `${m[1]}-${m[2]}-01` : '';
    if (!m || !isIsoDate(first) || (m[3] && !isIsoDate(v as string))) {
      errors.push({ field: f, reason: 'must be a month as YYYY-MM (or a date YYYY-MM-DD)' });
      return '';
    }
    return first;
  };
  const fromMonth = month('from');
  const toMonth = month('to');
  if (fromMonth && toMonth && fromMonth > toMonth)
    errors.push({ field: 'from', reason: `must not be after to (${String(q.to)})` });
  const by = q.by === undefined || q.by === '' ? null : q.by;
  if (by !== null && by !== 'channel') errors.push({ field: 'by', reason: 'must be empty or channel' });
  const base = { ...DEFAULT_MODEL_SETTINGS, ...defaults };
  const lookback = number(errors, 'lookback', q.lookback, base.click_lookback_days, (n) =>
    Number.isInteger(n) && n >= 1 && n <= 365 ? null : 'must be a whole number of days from 1 to 365',
  );
  if (errors.length) return { errors };
  return {
    params: {
      fromMonth,
      toMonth,
      byChannel: by === 'channel',
      attribution: { ...base, model: 'first_click', click_lookback_days: lookback },
    },
  };
}
