-- Touchpoints: one row per collector event. ReplacingMergeTree on a key that ends in event_id so that a
-- retried event (same id, same client timestamp) collapses at merge time; the collector's dedup window
-- catches retries before they reach the engine, this is the backstop.
CREATE TABLE IF NOT EXISTS touchpoints (
  workspace_id LowCardinality(String),
  event_id String,
  type LowCardinality(String),
  ts DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC'),
  ts_flag LowCardinality(String),
  visitor_id String,
  customer_id String,
  touch UInt8,
  url String,
  host LowCardinality(String),
  path String,
  referrer String,
  referrer_host LowCardinality(String),
  utm_source LowCardinality(String),
  utm_medium LowCardinality(String),
  utm_campaign LowCardinality(String),
  utm_term String,
  utm_content LowCardinality(String),
  utm_id LowCardinality(String),
  click_ids Map(LowCardinality(String), String),
  click_id String,
  link_slug LowCardinality(String),
  partner LowCardinality(String),
  channel LowCardinality(String),
  source LowCardinality(String),
  medium LowCardinality(String),
  name LowCardinality(String),
  props String,
  experiment LowCardinality(String),
  variant LowCardinality(String),
  device LowCardinality(String),
  browser LowCardinality(String),
  os LowCardinality(String),
  is_bot UInt8,
  ip String,
  country LowCardinality(String),
  consent_analytics UInt8,
  consent_marketing UInt8
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (workspace_id, toDate(ts), visitor_id, event_id)
-- The collector deletes its spool segment once the engine has the rows: they must be on disk by then.
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- Conversions: every version of a conversion; the one with the highest `version` is its current state.
-- Queries pick it with LIMIT 1 BY rather than FINAL, because an update may move a conversion to
-- another month's partition and ReplacingMergeTree only collapses rows inside one partition.
CREATE TABLE IF NOT EXISTS conversions (
  workspace_id LowCardinality(String),
  conversion_id String,
  type LowCardinality(String),
  status LowCardinality(String),
  ts DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC'),
  ts_flag LowCardinality(String),
  value Decimal(18, 4),
  refunded_value Decimal(18, 4),
  tax Decimal(18, 4),
  shipping Decimal(18, 4),
  discount Decimal(18, 4),
  currency LowCardinality(String),
  -- Nullable because "no margin given" (use the workspace default) differs from a margin of 0.
  margin Nullable(Float64),
  customer_id String,
  email_sha256 String,
  visitor_id String,
  click_id String,
  discount_code LowCardinality(String),
  new_customer Nullable(UInt8),
  backfill UInt8,
  name LowCardinality(String),
  version UInt64,
  body_hash String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
ORDER BY (workspace_id, conversion_id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- The status history of each conversion (created, refunded, cancelled, …), append-only.
CREATE TABLE IF NOT EXISTS conversion_changes (
  workspace_id LowCardinality(String),
  conversion_id String,
  changed_at DateTime64(3, 'UTC'),
  change LowCardinality(String),
  status LowCardinality(String),
  previous_status LowCardinality(String),
  value Decimal(18, 4),
  refunded_value Decimal(18, 4),
  body_hash String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(changed_at)
ORDER BY (workspace_id, conversion_id, changed_at)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- visitor ↔ customer links used to stitch paths across devices.
CREATE TABLE IF NOT EXISTS identities (
  workspace_id LowCardinality(String),
  visitor_id String,
  customer_id String,
  ts DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (workspace_id, visitor_id, customer_id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- Cost lines per local day: ad-platform rows and non-media costs.
CREATE TABLE IF NOT EXISTS costs (
  workspace_id LowCardinality(String),
  date Date,
  cost_type LowCardinality(String),
  platform LowCardinality(String),
  account_id LowCardinality(String),
  channel LowCardinality(String),
  source LowCardinality(String),
  medium LowCardinality(String),
  campaign LowCardinality(String),
  campaign_id LowCardinality(String),
  ad_group LowCardinality(String),
  ad LowCardinality(String),
  partner LowCardinality(String),
  amount Decimal(18, 4),
  currency LowCardinality(String),
  impressions UInt64,
  clicks UInt64,
  platform_conversions Float64,
  platform_conversion_value Decimal(18, 4),
  import_id String,
  description String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(date)
ORDER BY (workspace_id, date, platform, campaign)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;
