import type { KpiInputs } from '../core/kpis.js';
import type { Grain } from '../core/periods.js';
import type { Dimension, ModelSettings } from '../core/report-params.js';

/**
 * What the report queries of the event store take and give (KPI facts, cohorts, attribution
 * journeys, experiment facts). Part of the ports: import them from `store/ports.ts`.
 */

/** What the KPI engine asks the event store for: additive inputs per period and dimensions. */
export interface KpiFactQuery {
  /** Local dates in `timeZone`, both inclusive. */
  from: string;
  to: string;
  timeZone: string;
  baseCurrency: string;
  by: Dimension[];
  grain: Grain | null;
  /** Rows must match one of the values of every filter ('' matches "not set"). */
  filters: Array<{ dimension: Dimension; values: string[] }>;
  attribution: ModelSettings;
  /** Margin of conversions that carry none (a fraction of value), null when unknown. */
  defaultMargin: number | null;
  undoneImports: string[];
  /** Workspace rules: normalised cost campaign → utm_campaign. */
  campaignMappings: Array<{ from: string; to: string }>;
  /** Fill in `all_revenue` (MER) per period: only meaningful without dimensions and filters. */
  allRevenue: boolean;
  /** A lead counts as won when its person buys within this many days (default 90). */
  leadWindowDays?: number;
  /** Compute `leads_won` (it scans later purchases: only when a report asks for it). */
  leadsWon?: boolean;
  /** Which streams to read (all by default): cost-only callers skip the conversions' work. */
  streams?: Array<'costs' | 'traffic' | 'conversions'>;
  /**
   * A local date in (from, to]: the facts of the days before it come back apart, in
   * `KpiFacts.before`, exactly as a query of [from, splitAt − 1] would give them, and the others
   * as one of [splitAt, to] — a period and the one before it, read in one pass.
   */
  splitAt?: string;
}

/** Labels the data-driven attribution models can fit on (fields of a stored path step). */
export type PathLabel = 'channel' | 'source' | 'medium' | 'campaign' | 'partner';

export interface AttributionPathQuery {
  /** Local dates, inclusive: conversions and non-converting touches in this period. */
  from: string;
  to: string;
  timeZone: string;
  baseCurrency: string;
  by: PathLabel;
  attribution: ModelSettings;
  /** Collapse consecutive touches with the same label into the first of them (before the length cap). */
  collapseRepeats?: boolean;
  /** Rule-based models whose per-position credit the journeys should carry (see AttributionPaths). */
  positional?: ReadonlyArray<'time_decay' | 'last_non_direct'>;
}

/** Conversions and value credited to each position of a path. */
export interface PositionalCredit {
  conversions: number[];
  value: number[];
}

export interface AttributionPaths {
  /**
   * Journeys per distinct label sequence: counted conversions, value (base currency), non-converting
   * persons; for the asked `positional` models the credit per position summed over the conversions
   * (time decay needs the touch times, last non-direct which touches were Direct).
   */
  paths: Array<{
    channels: string[];
    conversions: number;
    value: number;
    nulls: number;
    positional?: Partial<Record<'time_decay' | 'last_non_direct', PositionalCredit>>;
  }>;
  /** Conversions and value: [no touchpoint, < 1 day, 1–3, 4–7, 8–14, 15–30, > 30 days from the first touch]. */
  time_to_conversion: Array<{ conversions: number; value: number }>;
}

/** The stored per-conversion credit of one rule-based model (`attribution.model`) over a period. */
export interface CreditRowsQuery {
  /** Local dates, inclusive. */
  from: string;
  to: string;
  timeZone: string;
  baseCurrency: string;
  attribution: ModelSettings;
}

/** One touch of a conversion's path with the share of the conversion it receives. */
export interface CreditStep {
  /** Epoch ms of the touch; null for the Direct step of a conversion with no touchpoint. */
  ts: number | null;
  channel: string;
  source: string;
  medium: string;
  campaign: string;
  ad_group: string;
  ad: string;
  partner: string;
  landing_page: string;
  device: string;
  country: string;
  weight: number;
}

/** A conversion with its credited path (transaction-level attribution). */
export interface ConversionCredit {
  conversion_id: string;
  ts: number;
  type: string;
  status: string;
  /** Counted in reports: completed, or refunded in part. */
  counted: boolean;
  /** Value after refunds in the base currency; null when no exchange rate is known for its day. */
  value: number | null;
  currency: string;
  steps: CreditStep[];
}

export interface CohortFactQuery {
  /** First days of the first and last acquisition months (local). */
  fromMonth: string;
  toMonth: string;
  /** Purchases up to this local date (inclusive) count. */
  until: string;
  timeZone: string;
  baseCurrency: string;
  defaultMargin: number | null;
  /** Lookback settings for the first-touch channel (first-click credit). */
  attribution: ModelSettings;
}

/** One cohort × first-touch channel × months-since-acquisition cell. */
export interface CohortCell {
  /** Acquisition month `YYYY-MM`. */
  cohort: string;
  /** First-touch channel of the acquiring purchase ('' when unknown). */
  channel: string;
  /** Months since the acquisition month (0 = that month). */
  age: number;
  /** Customers of the cohort who bought in that month (at age 0: the cohort's size). */
  active: number;
  revenue: number;
  gross_profit: number;
  unmargined_revenue: number;
}

export interface CohortFacts {
  cells: CohortCell[];
}

export interface KpiFactRow {
  /** Start of the row's period (local date) when a grain was asked, else null. */
  period: string | null;
  /** The row's value of each asked dimension ('' = not set). */
  dims: Partial<Record<Dimension, string>>;
  inputs: KpiInputs;
}

/** Amounts that could not be converted to the base currency (left out of the figures, and said so). */
export interface KpiMissingRate {
  kind: 'cost' | 'revenue';
  currency: string;
  first_date: string;
  last_date: string;
  rows: number;
  amount: number;
}

export interface KpiFacts {
  rows: KpiFactRow[];
  missing_rates: KpiMissingRate[];
  /** With `KpiFactQuery.splitAt`: the facts of the days before it. */
  before?: { rows: KpiFactRow[]; missing_rates: KpiMissingRate[] };
}

/** What an event-based experiment's results need from the event store. */
export interface ExperimentFactQuery {
  /** The `experiment` value of the exposures. */
  key: string;
  /** The window [from, to) in epoch ms: exposures and outcomes inside it count. */
  from: number;
  to: number;
  timeZone: string;
  baseCurrency: string;
  /** The conversion type counted as the outcome (e.g. `purchase`). */
  conversionType: string;
  /** Days before a person's first exposure whose revenue is the CUPED covariate. */
  preDays: number;
}

/** Sums over the units (persons) of one variant; `revenue` is net, in the base currency. */
export interface ExperimentVariantFacts {
  variant: string;
  units: number;
  /** Units with at least one counted conversion after their first exposure. */
  converters: number;
  orders: number;
  orders_sq: number;
  revenue: number;
  revenue_sq: number;
  /** Σ revenue·orders per unit (for the delta-method AOV). */
  revenue_orders: number;
  /** The covariate: revenue in the pre-period, its squares and its products with revenue. */
  pre_revenue: number;
  pre_revenue_sq: number;
  pre_cross: number;
  /** Units exposed to more than one variant (kept in their first). */
  crossovers: number;
  /** Conversions left out of revenue for want of an FX rate. */
  unconverted: number;
}

export interface ExperimentFacts {
  variants: ExperimentVariantFacts[];
  /** Units per variant by the first exposure's device, browser, channel and local day. */
  segments: Array<{
    dimension: 'device' | 'browser' | 'channel' | 'day';
    segment: string;
    variant: string;
    units: number;
  }>;
}
