import type { ClickIdParam, UtmParam } from './click-ids.js';

/** Touchpoint kinds accepted by the collector. */
export const TOUCHPOINT_TYPES = ['pageview', 'click', 'impression', 'add_to_cart', 'custom'] as const;
export type TouchpointType = (typeof TOUCHPOINT_TYPES)[number];

export const CONVERSION_TYPES = ['purchase', 'lead', 'signup', 'install', 'custom'] as const;
export type ConversionType = (typeof CONVERSION_TYPES)[number];

export const CONVERSION_STATUSES = ['completed', 'pending', 'refunded', 'cancelled'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

/** Why a timestamp was not taken as sent: far future or far past relative to receive time. */
export type TimestampFlag = 'ok' | 'future' | 'past';

export const CHANNELS = [
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Affiliate',
  'Influencer',
  'Email',
  'SMS',
  'Organic Search',
  'Organic Social',
  'Referral',
  'Direct',
  'Other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type Utm = Record<UtmParam, string>;
export type ClickIds = Partial<Record<ClickIdParam, string>>;

/**
 * A touchpoint as stored: the normalised, classified and enriched form of one collector event.
 * Times are epoch milliseconds (UTC). Empty strings mean "absent" (ClickHouse columns are not Nullable
 * where an empty value reads the same), `null` where absence differs from empty.
 */
export interface TouchpointRow {
  workspace_id: string;
  event_id: string;
  type: TouchpointType;
  ts: number;
  received_at: number;
  ts_flag: TimestampFlag;
  visitor_id: string;
  customer_id: string;
  /** 1 when this event starts a visit (a marketing contact: a path step for attribution). */
  touch: 0 | 1;
  url: string;
  host: string;
  path: string;
  referrer: string;
  referrer_host: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term: string;
  utm_content: string;
  utm_id: string;
  click_ids: ClickIds;
  click_id: string;
  link_slug: string;
  partner: string;
  channel: Channel;
  source: string;
  medium: string;
  name: string;
  props: string;
  experiment: string;
  variant: string;
  device: string;
  browser: string;
  os: string;
  is_bot: 0 | 1;
  ip: string;
  country: string;
  consent_analytics: 0 | 1;
  consent_marketing: 0 | 1;
}

/** A conversion as stored (one version of it; the newest version is the current state). */
export interface ConversionRow {
  workspace_id: string;
  conversion_id: string;
  type: ConversionType;
  status: ConversionStatus;
  ts: number;
  received_at: number;
  ts_flag: TimestampFlag;
  /** Decimal strings in major units, so no binary rounding reaches the store. */
  value: string;
  refunded_value: string;
  tax: string;
  shipping: string;
  discount: string;
  currency: string;
  margin: number | null;
  customer_id: string;
  email_sha256: string;
  visitor_id: string;
  click_id: string;
  discount_code: string;
  new_customer: 0 | 1 | null;
  backfill: 0 | 1;
  name: string;
  /** Monotonic version (receive time in µs) so that the newest write wins. */
  version: number;
  /** Hash of the business fields: a resend with the same hash is a no-op. */
  body_hash: string;
}

/** One entry of a conversion's status history (created, updated, refunded, …). */
export interface ConversionChangeRow {
  workspace_id: string;
  conversion_id: string;
  changed_at: number;
  change: 'created' | 'updated';
  status: ConversionStatus;
  previous_status: ConversionStatus | '';
  value: string;
  refunded_value: string;
  body_hash: string;
}

/** visitor ↔ customer link, written when an event or conversion carries both. */
export interface IdentityRow {
  workspace_id: string;
  visitor_id: string;
  customer_id: string;
  ts: number;
}

export const COST_TYPES = [
  'media',
  'influencer_fee',
  'product_samples',
  'shipping',
  'production',
  'agency_fee',
  'tool_subscription',
  'team_hours',
] as const;
export type CostType = (typeof COST_TYPES)[number];

/** A cost line for one local day (ranges are spread into days before they are stored). */
export interface CostRow {
  workspace_id: string;
  date: string;
  cost_type: CostType;
  platform: string;
  account_id: string;
  channel: string;
  source: string;
  medium: string;
  campaign: string;
  campaign_id: string;
  ad_group: string;
  ad: string;
  partner: string;
  amount: string;
  currency: string;
  impressions: number;
  clicks: number;
  platform_conversions: number;
  platform_conversion_value: string;
  import_id: string;
  description: string;
}
