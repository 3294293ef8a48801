-- Daily rollup of attributed conversions per model (DESIGN.md: KPI reports read daily rollups,
-- not raw rows). One build of a day holds, per combination of the report dimensions and the
-- conversion currency, the sums the KPI engine needs: weights (fractional conversions), net
-- revenue in the conversion's currency (FX is applied when read, at the rate of the day), gross
-- profit where the conversion carries a margin and the revenue where it does not (the workspace
-- default applies when read). A day is rebuilt when a conversion of it changes; readers take the
-- newest build of each day (credit_daily_builds), older builds are garbage.
CREATE TABLE IF NOT EXISTS credit_daily (
  workspace_id LowCardinality(String),
  model_key LowCardinality(String),
  day Date,
  build UInt64,
  channel LowCardinality(String),
  source LowCardinality(String),
  medium LowCardinality(String),
  campaign String,
  ad_group String,
  ad String,
  partner LowCardinality(String),
  landing_page String,
  device LowCardinality(String),
  country LowCardinality(String),
  conversion_type LowCardinality(String),
  customer_type LowCardinality(String),
  currency LowCardinality(String),
  conversions Float64,
  leads Float64,
  orders Float64,
  signups Float64,
  installs Float64,
  new_customers Float64,
  net Float64,
  order_net Float64,
  margin_net Float64,
  unmargined_net Float64,
  -- Unattributed: each conversion's whole net value once (MER), and how many conversions.
  all_net Float64,
  conversion_rows UInt64
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (workspace_id, model_key, day, build);

-- Which build of a day is current, and the newest conversion version it had seen.
CREATE TABLE IF NOT EXISTS credit_daily_builds (
  workspace_id LowCardinality(String),
  model_key LowCardinality(String),
  day Date,
  build UInt64,
  seen_version UInt64
) ENGINE = ReplacingMergeTree(build)
ORDER BY (workspace_id, model_key, day);
