-- Costs: a client line id (POST /v1/costs `id`), so that re-posting the same line replaces it. The
-- rows of every import stay in `costs`; which ones count is decided at query time (store.ts,
-- EFFECTIVE_COSTS): the newest not-undone import per (platform, account_id, date), the newest
-- write per line id, so that undoing an import brings the previous one back.
ALTER TABLE costs ADD COLUMN IF NOT EXISTS line_id String DEFAULT '';

-- Dated FX rates per workspace: 1 unit of `currency` = `rate` units of the workspace's base
-- currency from `date` on (until the next rate). Re-setting a (currency, date) replaces it.
CREATE TABLE IF NOT EXISTS fx_rates (
  workspace_id LowCardinality(String),
  currency LowCardinality(String),
  date Date,
  rate Decimal(18, 8),
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (workspace_id, currency, date)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;
