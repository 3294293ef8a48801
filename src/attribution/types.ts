/**
 * The data the attribution models read. A journey's touchpoints are marketing contacts (PRODUCT.md,
 * "Touchpoints"): landing pageviews with their source, tracking-link clicks and ad impressions.
 * Times are epoch milliseconds (UTC).
 */

/** How a touchpoint reached the person: a click (visit, link click) or an ad view (impression). */
export type TouchKind = 'click' | 'impression';

export interface Touchpoint {
  /** The channel label a model credits (a channel of core/channels.ts, or any label from a file). */
  channel: string;
  timestamp: number;
  kind: TouchKind;
  source?: string;
  campaign?: string;
  partner?: string;
}

/** One conversion and the ordered touchpoints (oldest first) that led to it. */
export interface ConversionPath {
  conversionId: string;
  timestamp: number;
  value: number;
  touchpoints: Touchpoint[];
}

/** The touchpoints of a person who did not convert after them (data-driven models need these). */
export interface NonConvertingPath {
  touchpoints: Touchpoint[];
}

/**
 * Journeys that share one sequence of labels, counted: the form data-driven models fit on and the
 * form of `rendement attribution --paths` files. `channels` is empty for conversions with no touchpoint.
 */
export interface AggregatedPath {
  channels: string[];
  conversions: number;
  value: number;
  nulls: number;
  /**
   * Credit per position summed over the path's conversions, for the rule-based models whose weights
   * depend on more than the labels (PositionalModel), computed where the touches are known.
   */
  positional?: Partial<Record<PositionalModel, PositionalCredit>>;
}

/**
 * Rule-based models whose per-position weights need more than a path's labels: `time_decay` the
 * touch times, `last_non_direct` which touches were Direct (known from the labels only when they
 * are channels).
 */
export type PositionalModel = 'time_decay' | 'last_non_direct';

/** Conversions and value credited to each position of a path (same length as its labels). */
export interface PositionalCredit {
  conversions: number[];
  value: number[];
}

/** Credit of one label under one model. */
export interface ChannelCredit {
  channel: string;
  conversions: number;
  value: number;
}

/** The label a conversion with no touchpoint is credited to (PRODUCT.md, "Attribution"). */
export const DIRECT = 'Direct';
