-- Customer cohorts rollup (the cohort report of PRODUCT.md reads it instead of every purchase: on a
-- year of a large shop, 1 M conversions, the raw query took ~2 s). One build of an acquisition
-- month holds, for the buyers whose first counted purchase falls in it, per first-touch channel,
-- local day of purchase and currency: the net revenue in the purchase's currency (FX is applied
-- when read, at the rate of the day), the part of it with a margin as gross profit and the part
-- without (the workspace default applies when read), and `actives`: how many of those buyers made
-- their first purchase of that day's month on that day (in that currency), so that the active
-- customers of a month up to any "as of" day are a sum. `model_key` is first-click's key, which
-- names the time zone of the days and months and the lookbacks the channel came from. A cohort
-- month is rebuilt when a purchase of one of its buyers changes; readers take the newest build of
-- each month (cohort_monthly_builds), older builds are garbage.
CREATE TABLE IF NOT EXISTS cohort_monthly (
  workspace_id LowCardinality(String),
  model_key LowCardinality(String),
  cohort Date,
  build UInt64,
  channel LowCardinality(String),
  day Date,
  currency LowCardinality(String),
  actives UInt64,
  net Float64,
  margin_net Float64,
  unmargined_net Float64
) ENGINE = MergeTree
PARTITION BY toYear(cohort)
ORDER BY (workspace_id, model_key, cohort, build, channel, day);

-- Which build of an acquisition month is current, and the newest conversion version it had seen.
CREATE TABLE IF NOT EXISTS cohort_monthly_builds (
  workspace_id LowCardinality(String),
  model_key LowCardinality(String),
  cohort Date,
  build UInt64,
  seen_version UInt64
) ENGINE = ReplacingMergeTree(build)
ORDER BY (workspace_id, model_key, cohort);
