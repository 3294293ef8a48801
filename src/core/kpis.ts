/**
 * The KPI definitions of PRODUCT.md, in one place. A report row carries *additive inputs* (sums
 * that can be added across any breakdown: cost, clicks, conversions, revenue, …); every KPI is a
 * function of one row's inputs. Totals are computed from the summed inputs, never by averaging
 * ratios, so a breakdown always adds up to its total. A ratio whose denominator is zero (or
 * unknown) is `null`, never `NaN` or `Infinity`.
 */

/** The additive inputs of a report row. Money in the workspace's base currency. */
export interface KpiInputs {
  /** Marketing cost of every type (media and non-media), converted to the base currency. */
  cost: number;
  /** Platform-reported figures from cost files (never mixed with tracked ones). */
  impressions: number;
  clicks: number;
  platform_conversions: number;
  platform_conversion_value: number;
  /** Tracked visits: landing touchpoints (marketing contacts) of humans. */
  visits: number;
  add_to_carts: number;
  /** Attributed (fractional under multi-touch models) counted conversions of every type. */
  conversions: number;
  leads: number;
  /** Attributed leads whose person bought within the lead window afterwards. */
  leads_won: number;
  orders: number;
  signups: number;
  installs: number;
  /** Attributed revenue net of refunds, every conversion type. */
  revenue: number;
  /** Attributed revenue of purchases only (AOV's numerator). */
  order_revenue: number;
  /** Attributed revenue × margin, over the revenue whose margin is known. */
  gross_profit: number;
  /** Attributed revenue with neither a conversion margin nor a workspace default margin. */
  unmargined_revenue: number;
  /** Attributed purchases by first-time customers. */
  new_customers: number;
  /**
   * All revenue of the period regardless of attribution (MER's numerator), or null where it has no
   * meaning: rows broken down by a dimension other than time.
   */
  all_revenue: number | null;
}

export const KPI_INPUTS = [
  'cost',
  'impressions',
  'clicks',
  'platform_conversions',
  'platform_conversion_value',
  'visits',
  'add_to_carts',
  'conversions',
  'leads',
  'leads_won',
  'orders',
  'signups',
  'installs',
  'revenue',
  'order_revenue',
  'gross_profit',
  'unmargined_revenue',
  'new_customers',
  'all_revenue',
] as const satisfies readonly (keyof KpiInputs)[];

/** A row of zeros (all_revenue null: it is filled in only where it means something). */
export function emptyInputs(): KpiInputs {
  return {
    cost: 0,
    impressions: 0,
    clicks: 0,
    platform_conversions: 0,
    platform_conversion_value: 0,
    visits: 0,
    add_to_carts: 0,
    conversions: 0,
    leads: 0,
    leads_won: 0,
    orders: 0,
    signups: 0,
    installs: 0,
    revenue: 0,
    order_revenue: 0,
    gross_profit: 0,
    unmargined_revenue: 0,
    new_customers: 0,
    all_revenue: null,
  };
}

/** Add `b` into `a` (all_revenue stays null unless both sides know it or `a` is empty). */
export function addInputs(a: KpiInputs, b: KpiInputs): KpiInputs {
  const out = { ...a };
  for (const k of KPI_INPUTS) {
    if (k === 'all_revenue') continue;
    out[k] = a[k] + b[k];
  }
  out.all_revenue =
    a.all_revenue === null || b.all_revenue === null
      ? (a.all_revenue ?? b.all_revenue)
      : a.all_revenue + b.all_revenue;
  return out;
}

/** `n / d`, or null when the denominator is zero, either side is unknown or the quotient overflows. */
export function ratio(n: number | null, d: number | null): number | null {
  if (n === null || d === null || d === 0) return null;
  const r = n / d;
  // Denormal denominators overflow to Infinity: no figure rather than a wrong one.
  return Number.isFinite(r) ? r : null;
}

type Formula = (x: KpiInputs) => number | null;

/** Gross profit, or null while part of the revenue has no known margin (a partial profit misleads). */
const grossProfit: Formula = (x) => (x.unmargined_revenue > 0 ? null : x.gross_profit);

/**
 * Every KPI by its snake-case name (PRODUCT.md's table), with its formula over the additive inputs.
 * Order is the default column order of reports.
 */
export const KPIS = {
  cost: (x) => x.cost,
  impressions: (x) => x.impressions,
  clicks: (x) => x.clicks,
  /** CTR = clicks / impressions (platform figures). */
  ctr: (x) => ratio(x.clicks, x.impressions),
  /** CPC = cost / clicks. */
  cpc: (x) => ratio(x.cost, x.clicks),
  /** CPM = cost / impressions × 1000. */
  cpm: (x) => mul(ratio(x.cost, x.impressions), 1000),
  visits: (x) => x.visits,
  /** Cost per tracked visit. */
  cost_per_visit: (x) => ratio(x.cost, x.visits),
  conversions: (x) => x.conversions,
  leads: (x) => x.leads,
  /** Leads whose person bought within the lead window. */
  leads_won: (x) => x.leads_won,
  orders: (x) => x.orders,
  signups: (x) => x.signups,
  installs: (x) => x.installs,
  /** CVR per platform click = conversions / clicks. */
  cvr: (x) => ratio(x.conversions, x.clicks),
  /** CVR per tracked visit = conversions / visits. */
  cvr_visits: (x) => ratio(x.conversions, x.visits),
  /** Lead-to-customer rate = leads whose person bought within the window / leads. */
  lead_to_customer_rate: (x) => ratio(x.leads_won, x.leads),
  /** CPL = cost / leads. */
  cpl: (x) => ratio(x.cost, x.leads),
  /** CPA = cost / conversions (narrow it to one goal with a conversion_type filter). */
  cpa: (x) => ratio(x.cost, x.conversions),
  /** CPS = cost / sales (purchases). */
  cps: (x) => ratio(x.cost, x.orders),
  /** CPI = cost / installs. */
  cpi: (x) => ratio(x.cost, x.installs),
  revenue: (x) => x.revenue,
  /** ROAS = attributed revenue / cost. */
  roas: (x) => ratio(x.revenue, x.cost),
  all_revenue: (x) => x.all_revenue,
  /** MER (blended ROAS) = all revenue, organic included / all marketing cost. */
  mer: (x) => ratio(x.all_revenue, x.cost),
  /** AOV = revenue of purchases / orders. */
  aov: (x) => ratio(x.order_revenue, x.orders),
  /** Revenue per (platform) click. */
  revenue_per_click: (x) => ratio(x.revenue, x.clicks),
  revenue_per_visit: (x) => ratio(x.revenue, x.visits),
  /** Gross profit = Σ revenue × margin (the conversion's margin, else the workspace default). */
  gross_profit: grossProfit,
  /** Effective margin = gross profit / revenue. */
  margin: (x) => ratio(grossProfit(x), x.revenue),
  /** ROI = (gross profit − cost) / cost. */
  roi: (x) => {
    const gp = grossProfit(x);
    return gp === null ? null : ratio(gp - x.cost, x.cost);
  },
  /** POAS = gross profit / cost. */
  poas: (x) => ratio(grossProfit(x), x.cost),
  /** Break-even ROAS = 1 / margin: the ROAS at which gross profit pays for the cost. */
  break_even_roas: (x) => ratio(x.revenue, grossProfit(x)),
  new_customers: (x) => x.new_customers,
  /** CAC = cost / new customers. */
  cac: (x) => ratio(x.cost, x.new_customers),
  add_to_carts: (x) => x.add_to_carts,
  /** Cart abandonment = 1 − purchases / add-to-carts. */
  cart_abandonment: (x) => {
    const r = ratio(x.orders, x.add_to_carts);
    return r === null ? null : 1 - r;
  },
  platform_conversions: (x) => x.platform_conversions,
  platform_conversion_value: (x) => x.platform_conversion_value,
  /** The platform's own ROAS (its reported conversion value / cost), beside ours. */
  platform_roas: (x) => ratio(x.platform_conversion_value, x.cost),
} as const satisfies Record<string, Formula>;

export type KpiName = keyof typeof KPIS;
export const KPI_NAMES = Object.keys(KPIS) as KpiName[];

/** KPIs that are sums (they add over a breakdown); the rest are ratios of sums. */
export const ADDITIVE_KPIS: ReadonlySet<KpiName> = new Set<KpiName>([
  'cost',
  'impressions',
  'clicks',
  'visits',
  'conversions',
  'leads',
  'leads_won',
  'orders',
  'signups',
  'installs',
  'revenue',
  'new_customers',
  'add_to_carts',
  'platform_conversions',
  'platform_conversion_value',
]);

/** How a KPI reads: an amount of money, a count, a share (shown as %), or a multiple (ROAS 4.2×). */
export type KpiUnit = 'money' | 'count' | 'percent' | 'multiple';

const PERCENT = new Set<KpiName>([
  'ctr',
  'cvr',
  'cvr_visits',
  'margin',
  'roi',
  'cart_abandonment',
  'lead_to_customer_rate',
]);
const MULTIPLE = new Set<KpiName>(['roas', 'mer', 'poas', 'break_even_roas', 'platform_roas']);
/** The additive KPIs that count things (the others are money). */
const MONEY_SUMS: ReadonlySet<KpiName> = new Set<KpiName>(['cost', 'revenue', 'platform_conversion_value']);

/** The unit of a KPI, for display (reports in the CLI and the dashboard). */
export function kpiUnit(name: KpiName): KpiUnit {
  if (PERCENT.has(name)) return 'percent';
  if (MULTIPLE.has(name)) return 'multiple';
  if (ADDITIVE_KPIS.has(name) && !MONEY_SUMS.has(name)) return 'count';
  return 'money';
}

/** The KPIs a table shows when no list is asked (JSON and CSV carry them all). */
export const DEFAULT_TABLE_KPIS: readonly KpiName[] = [
  'cost',
  'clicks',
  'ctr',
  'cpc',
  'visits',
  'conversions',
  'cvr_visits',
  'cpa',
  'revenue',
  'roas',
];

function mul(v: number | null, k: number): number | null {
  return v === null ? null : v * k;
}

/** Money and counts to 4 decimals, ratios to 6: enough for reports, no binary noise like 0.30000000000000004. */
function tidy(name: KpiName, v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const digits = ADDITIVE_KPIS.has(name) || name === 'gross_profit' || name === 'all_revenue' ? 4 : 6;
  // Beyond 1e15 there are no decimals left to tidy (and v × 10^digits could overflow).
  if (Math.abs(v) >= 1e15) return v;
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** The named KPIs of one row's inputs (all of them by default). */
export function computeKpis(
  x: KpiInputs,
  names: readonly KpiName[] = KPI_NAMES,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const n of names) out[n] = tidy(n, KPIS[n](x));
  return out;
}

/** Absolute and relative change of a KPI against the comparison period (relative null when it was 0 or unknown). */
export function kpiChange(
  current: number | null,
  previous: number | null,
): { absolute: number | null; relative: number | null } {
  if (current === null || previous === null || !Number.isFinite(current - previous))
    return { absolute: null, relative: null };
  const abs = current - previous;
  const rel = ratio(abs, Math.abs(previous));
  return {
    absolute: Math.round(abs * 1e6) / 1e6,
    relative: rel === null ? null : Math.round(rel * 1e6) / 1e6,
  };
}
