-- Daily rollup of tracked traffic (visits and add-to-carts of humans) per workspace, time zone and
-- combination of the report dimensions. Only settled days are rolled up: the collector dates an
-- event at most 7 days before its receipt (older clocks get the receive time), so a day older
-- than that no longer changes — except through a spool replay, which drops the builds
-- (EventStore.invalidateRollups). Readers take the newest build of each day.
CREATE TABLE IF NOT EXISTS traffic_daily (
  workspace_id LowCardinality(String),
  time_zone LowCardinality(String),
  day Date,
  build UInt64,
  channel LowCardinality(String),
  source LowCardinality(String),
  medium LowCardinality(String),
  campaign LowCardinality(String),
  ad_group String,
  ad LowCardinality(String),
  partner LowCardinality(String),
  landing_page String,
  device LowCardinality(String),
  country LowCardinality(String),
  visits UInt64,
  add_to_carts UInt64
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (workspace_id, time_zone, day, build);

CREATE TABLE IF NOT EXISTS traffic_daily_builds (
  workspace_id LowCardinality(String),
  time_zone LowCardinality(String),
  day Date,
  build UInt64
) ENGINE = ReplacingMergeTree(build)
ORDER BY (workspace_id, time_zone, day);
