import { ratio } from './kpis.js';

/** One cohort × months-since-acquisition cell: purchases of the cohort's customers in that month. */
export interface CohortCellInput {
  /** Months since the acquisition month (0 = that month). */
  age: number;
  /** Customers who bought in that month; at age 0 every customer of the cohort. */
  active: number;
  revenue: number;
  gross_profit: number;
  /** Revenue with no known margin: gross profit is unknown while it is > 0. */
  unmargined_revenue: number;
}

export interface CohortMonth {
  age: number;
  active_customers: number;
  revenue: number;
  gross_profit: number | null;
  revenue_per_customer: number | null;
  cumulative_revenue_per_customer: number | null;
  cumulative_gross_profit_per_customer: number | null;
}

/** The horizons of historical CLV, in months (months 0 … h − 1 since acquisition). */
export const CLV_HORIZONS = [3, 6, 12] as const;

export interface CohortSummary {
  customers: number;
  cost: number;
  /** CAC = acquisition cost / new customers of the cohort; null without customers. */
  cac: number | null;
  months: CohortMonth[];
  /** Historical CLV per horizon: cumulative revenue (and gross profit) per customer; null until observed. */
  clv_revenue: Record<`${(typeof CLV_HORIZONS)[number]}`, number | null>;
  clv_gross_profit: Record<`${(typeof CLV_HORIZONS)[number]}`, number | null>;
  /** LTV:CAC = CLV (gross profit) / CAC per horizon. */
  ltv_cac: Record<`${(typeof CLV_HORIZONS)[number]}`, number | null>;
  /** First month (0 = acquisition month) whose cumulative gross profit per customer reaches CAC; null if not yet or no cost. */
  payback_month: number | null;
}

const round = (v: number | null, digits = 4): number | null =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Summarise one cohort (customers acquired in one month, optionally through one first-touch
 * channel): per month since acquisition its revenue and gross profit, per customer and cumulated;
 * historical CLV at 3/6/12 months (cumulative per customer through month h − 1, given only when
 * `observedMonths` ≥ h); CAC = `cost` / customers; LTV:CAC = CLV(gross profit) / CAC; payback
 * month = the first month k with cumulative gross profit per customer ≥ CAC (Kotler & Keller's
 * cohort CLV; the payback period as in PRODUCT.md's KPI table). Months without purchases are
 * filled in with zeros up to the last observed month, so cumulative series have no gaps.
 */
export function summariseCohort(
  cells: readonly CohortCellInput[],
  cost: number,
  observedMonths: number,
): CohortSummary {
  const byAge = new Map(cells.map((c) => [c.age, c]));
  const customers = byAge.get(0)?.active ?? 0;
  const months: CohortMonth[] = [];
  let cumRevenue = 0;
  let cumProfit: number | null = 0;
  for (let age = 0; age < observedMonths; age++) {
    const c = byAge.get(age) ?? { age, active: 0, revenue: 0, gross_profit: 0, unmargined_revenue: 0 };
    const profit = c.unmargined_revenue > 0 ? null : c.gross_profit;
    cumRevenue += c.revenue;
    cumProfit = cumProfit === null || profit === null ? null : cumProfit + profit;
    months.push({
      age,
      active_customers: c.active,
      revenue: round(c.revenue)!,
      gross_profit: round(profit),
      revenue_per_customer: round(ratio(c.revenue, customers)),
      cumulative_revenue_per_customer: round(ratio(cumRevenue, customers)),
      cumulative_gross_profit_per_customer: round(ratio(cumProfit, customers)),
    });
  }
  const cac = ratio(cost, customers);
  const at = (h: number, key: 'cumulative_revenue_per_customer' | 'cumulative_gross_profit_per_customer') =>
    observedMonths >= h ? (months[h - 1]?.[key] ?? null) : null;
  const clvRevenue = Object.fromEntries(
    CLV_HORIZONS.map((h) => [h, at(h, 'cumulative_revenue_per_customer')]),
  );
  const clvProfit = Object.fromEntries(
    CLV_HORIZONS.map((h) => [h, at(h, 'cumulative_gross_profit_per_customer')]),
  );
  const ltvCac = Object.fromEntries(
    CLV_HORIZONS.map((h) => [h, round(ratio(clvProfit[h] as number | null, cac), 6)]),
  );
  const payback =
    cac === null || cost <= 0
      ? null
      : (months.find(
          (m) =>
            m.cumulative_gross_profit_per_customer !== null &&
            m.cumulative_gross_profit_per_customer >= cac - 1e-9,
        )?.age ?? null);
  return {
    customers,
    cost: round(cost)!,
    cac: round(cac),
    months,
    clv_revenue: clvRevenue as CohortSummary['clv_revenue'],
    clv_gross_profit: clvProfit as CohortSummary['clv_gross_profit'],
    ltv_cac: ltvCac as CohortSummary['ltv_cac'],
    payback_month: payback,
  };
}

/** Whole months from `from` to `to` (first days `YYYY-MM-01`), e.g. 2026-01 → 2026-04 = 3. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}
