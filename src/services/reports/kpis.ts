import {
  addInputs,
  computeKpis,
  emptyInputs,
  kpiChange,
  type KpiInputs,
  type KpiName,
} from '../../core/kpis.js';
import { addDays, comparisonRange, periodStarts, type Comparison } from '../../core/periods.js';
import type { Dimension, KpiReportParams } from '../../core/report-params.js';
import { normaliseUtm } from '../../core/url.js';
import type {
  AppStore,
  EventStore,
  KpiFactQuery,
  KpiFactRow,
  KpiFacts,
  KpiMissingRate,
  Workspace,
} from '../../store/ports.js';

/** How a dimension value that is absent reads in reports (and in filters). */
export const NOT_SET = '(not set)';

/** Dimensions whose values are normalised like UTM tags (so filters match what reports show). */
const NORMALISED: ReadonlySet<Dimension> = new Set(['campaign', 'ad_group', 'ad']);

export type KpiValues = Record<string, number | null>;
export type KpiChanges = Record<string, { absolute: number | null; relative: number | null }>;

export interface KpiReportRow {
  period?: string;
  /** Dimension values by name, then the KPIs. */
  [key: string]: unknown;
}

export interface KpiReport {
  from: string;
  to: string;
  time_zone: string;
  currency: string;
  /** The workspace's locale, for clients that format the figures. */
  locale: string;
  grain: string | null;
  by: Dimension[];
  model: string;
  metrics: readonly KpiName[];
  rows: KpiReportRow[];
  totals: KpiValues;
  comparison?: {
    kind: Comparison;
    from: string;
    to: string;
    totals: KpiValues;
    change: KpiChanges;
  };
  /** Amounts left out because no FX rate to the base currency was known for their date. */
  missing_rates: KpiMissingRate[];
}

interface Stores {
  app: AppStore;
  events: EventStore;
}

/**
 * The KPI report of PRODUCT.md: every asked KPI per period and dimension values, the totals over
 * all rows (from the summed additive inputs, so breakdowns add up), and, when asked, the
 * comparison period with each row's and the totals' absolute and relative change.
 */
export async function kpiReport(stores: Stores, ws: Workspace, p: KpiReportParams): Promise<KpiReport> {
  const [undone, mappings] = await Promise.all([
    stores.app.undoneCostImportIds(ws.id),
    stores.app.listCampaignMappings(ws.id),
  ]);
  const filters = p.filters.map((f) => ({
    dimension: f.dimension,
    values: f.values.map((v) => (v === NOT_SET ? '' : NORMALISED.has(f.dimension) ? normaliseUtm(v) : v)),
  }));
  const base = {
    timeZone: ws.time_zone,
    baseCurrency: ws.base_currency,
    by: p.by,
    grain: p.grain,
    filters,
    attribution: p.attribution,
    defaultMargin: ws.default_margin,
    undoneImports: undone,
    campaignMappings: mappings.map((m) => ({
      from: normaliseUtm(m.cost_campaign),
      to: normaliseUtm(m.utm_campaign),
    })),
    allRevenue: p.by.length === 0 && filters.length === 0,
    leadWindowDays: p.lead_window_days,
    leadsWon: p.metrics.includes('lead_to_customer_rate') || p.metrics.includes('leads_won'),
  };
  const cmp = p.compare ? comparisonRange(p.from, p.to, p.compare) : null;
  const [current, previous] = await facts(stores, ws, base, p, cmp);

  const keyOf = (r: KpiFactRow, starts: string[] | null) =>
    JSON.stringify([r.period && starts ? starts.indexOf(r.period) : null, ...p.by.map((d) => r.dims[d])]);
  const currentStarts = p.grain ? periodStarts(p.from, p.to, p.grain) : null;
  const previousByKey = new Map<string, KpiInputs>();
  if (previous && cmp) {
    const starts = p.grain ? periodStarts(cmp.from, cmp.to, p.grain) : null;
    for (const r of previous.rows) previousByKey.set(keyOf(r, starts), r.inputs);
  }

  const rows = current.rows
    .filter((r) => hasData(r.inputs))
    .map((r) => {
      const out: KpiReportRow = {};
      if (r.period) out.period = r.period;
      for (const d of p.by) out[d] = r.dims[d] || NOT_SET;
      const kpis = computeKpis(r.inputs, p.metrics);
      Object.assign(out, kpis);
      if (previous) {
        const prev = computeKpis(previousByKey.get(keyOf(r, currentStarts)) ?? emptyInputs(), p.metrics);
        out.previous = prev;
        out.change = changes(kpis, prev);
      }
      return out;
    });
  rows.sort(rowOrder(p.by));

  const totals = computeKpis(sumInputs(current.rows, base.allRevenue), p.metrics);
  const report: KpiReport = {
    from: p.from,
    to: p.to,
    time_zone: ws.time_zone,
    currency: ws.base_currency,
    locale: ws.locale,
    grain: p.grain,
    by: p.by,
    model: p.attribution.model,
    metrics: p.metrics,
    rows,
    totals,
    missing_rates: current.missing_rates,
  };
  if (previous && cmp && p.compare) {
    const prevTotals = computeKpis(sumInputs(previous.rows, base.allRevenue), p.metrics);
    report.comparison = {
      kind: p.compare,
      from: cmp.from,
      to: cmp.to,
      totals: prevTotals,
      change: changes(totals, prevTotals),
    };
  }
  return report;
}

/**
 * The facts of the period and of its comparison period. A comparison period that ends the day
 * before the period starts (`previous`) is read with it in one pass over both, split at the
 * period's first day: half the queries, the same figures.
 */
async function facts(
  stores: Stores,
  ws: Workspace,
  base: Omit<KpiFactQuery, 'from' | 'to'>,
  p: KpiReportParams,
  cmp: { from: string; to: string } | null,
): Promise<[KpiFactSet, KpiFactSet | null]> {
  if (cmp && addDays(cmp.to, 1) === p.from) {
    const both = await stores.events.kpiFacts(ws.id, { ...base, from: cmp.from, to: p.to, splitAt: p.from });
    return [both, both.before ?? { rows: [], missing_rates: [] }];
  }
  return Promise.all([
    stores.events.kpiFacts(ws.id, { ...base, from: p.from, to: p.to }),
    cmp ? stores.events.kpiFacts(ws.id, { ...base, ...cmp }) : null,
  ]);
}

type KpiFactSet = Pick<KpiFacts, 'rows' | 'missing_rates'>;

function sumInputs(rows: KpiFactRow[], allRevenue: boolean): KpiInputs {
  const start = emptyInputs();
  if (allRevenue) start.all_revenue = 0;
  return rows.reduce((acc, r) => addInputs(acc, r.inputs), start);
}

function hasData(x: KpiInputs): boolean {
  return Object.values(x).some((v) => v !== null && v !== 0);
}

function changes(current: KpiValues, previous: KpiValues): KpiChanges {
  const out: KpiChanges = {};
  for (const k of Object.keys(current)) out[k] = kpiChange(current[k] ?? null, previous[k] ?? null);
  return out;
}

/** Periods in time order; within one, the biggest spenders first, then revenue, then by name. */
function rowOrder(by: Dimension[]) {
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return (a: KpiReportRow, b: KpiReportRow): number => {
    const pa = String(a.period ?? '');
    const pb = String(b.period ?? '');
    if (pa !== pb) return pa < pb ? -1 : 1;
    return (
      num(b.cost) - num(a.cost) ||
      num(b.revenue) - num(a.revenue) ||
      num(b.conversions) - num(a.conversions) ||
      by.map((d) => String(a[d]).localeCompare(String(b[d]))).find((c) => c !== 0) ||
      0
    );
  };
}
