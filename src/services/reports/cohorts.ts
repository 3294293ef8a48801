import {
  monthsBetween,
  summariseCohort,
  type CohortCellInput,
  type CohortSummary,
} from '../../core/cohorts.js';
import { addDays } from '../../core/periods.js';
import type { CohortReportParams } from '../../core/report-params.js';
import { localDate } from '../../core/time.js';
import type { AppStore, EventStore, Workspace } from '../../store/ports.js';
import { NOT_SET } from './kpis.js';

export interface CohortRow extends CohortSummary {
  /** Acquisition month `YYYY-MM`. */
  cohort: string;
  /** First-touch channel, when the report is split by channel. */
  channel?: string;
}

export interface CohortReport {
  from: string;
  to: string;
  /** Purchases up to this local date count (today in the workspace's time zone). */
  as_of: string;
  time_zone: string;
  currency: string;
  locale: string;
  by_channel: boolean;
  rows: CohortRow[];
}

/**
 * Customer cohorts by acquisition month (and first-touch channel): revenue and gross profit per
 * customer by months since acquisition, historical CLV at 3/6/12 months, CAC from the month's
 * cost (of that channel), LTV:CAC and the payback month. Purchases count up to today.
 */
export async function cohortReport(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  p: CohortReportParams,
  now = Date.now(),
): Promise<CohortReport> {
  const asOf = localDate(now, ws.time_zone);
  const untilMonth = `${asOf.slice(0, 7)}-01`;
  const lastDay = addDays(`${nextMonth(p.toMonth)}`, -1);
  const undone = await stores.app.undoneCostImportIds(ws.id);
  const [facts, costs] = await Promise.all([
    stores.events.cohortFacts(ws.id, {
      fromMonth: p.fromMonth,
      toMonth: p.toMonth,
      until: asOf,
      timeZone: ws.time_zone,
      baseCurrency: ws.base_currency,
      defaultMargin: ws.default_margin,
      attribution: p.attribution,
    }),
    stores.events.kpiFacts(ws.id, {
      from: p.fromMonth,
      to: lastDay,
      timeZone: ws.time_zone,
      baseCurrency: ws.base_currency,
      by: p.byChannel ? ['channel'] : [],
      grain: 'month',
      filters: [],
      attribution: p.attribution,
      defaultMargin: ws.default_margin,
      undoneImports: undone,
      campaignMappings: [],
      allRevenue: false,
      streams: ['costs'],
    }),
  ]);
  const costOf = new Map<string, number>();
  for (const r of costs.rows) {
    const key = `${String(r.period).slice(0, 7)}|${p.byChannel ? (r.dims.channel ?? '') : ''}`;
    costOf.set(key, (costOf.get(key) ?? 0) + r.inputs.cost);
  }
  const groups = new Map<string, CohortCellInput[]>();
  for (const c of facts.cells) {
    const key = `${c.cohort}|${p.byChannel ? c.channel : ''}`;
    const list = groups.get(key) ?? [];
    const same = list.find((x) => x.age === c.age);
    if (same) {
      same.active += c.active;
      same.revenue += c.revenue;
      same.gross_profit += c.gross_profit;
      same.unmargined_revenue += c.unmargined_revenue;
    } else list.push({ ...c });
    groups.set(key, list);
  }
  const rows: CohortRow[] = [...groups].map(([key, cells]) => {
    const [cohort, channel] = key.split('|') as [string, string];
    const observed = monthsBetween(`${cohort}-01`, untilMonth) + 1;
    const summary = summariseCohort(cells, costOf.get(key) ?? 0, observed);
    return { cohort, ...(p.byChannel ? { channel: channel || NOT_SET } : {}), ...summary };
  });
  rows.sort((a, b) => a.cohort.localeCompare(b.cohort) || b.customers - a.customers);
  return {
    from: p.fromMonth.slice(0, 7),
    to: p.toMonth.slice(0, 7),
    as_of: asOf,
    time_zone: ws.time_zone,
    currency: ws.base_currency,
    locale: ws.locale,
    by_channel: p.byChannel,
    rows,
  };
}

function nextMonth(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
