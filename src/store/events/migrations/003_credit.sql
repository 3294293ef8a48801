-- Transaction-level attribution credit (DESIGN.md: attributed revenue comes from stored credit, not
-- from a join at query time). One row per conversion, model configuration and conversion time:
-- `steps` holds the touches of its path with the dimensions reports group by and the weight the
-- model gives each (weights sum to 1). Status and value are NOT stored: a refund changes them
-- without changing the path, so reports join the conversion's current state at query time; a
-- changed timestamp gives a new `c_ms`, hence a new row. `model_key` names the model with every
-- setting that changes the weights or the local day (time zone), so changing one recomputes.
CREATE TABLE IF NOT EXISTS conversion_credit (
  workspace_id LowCardinality(String),
  model_key LowCardinality(String),
  conversion_id String,
  c_ms Int64,
  computed_at DateTime64(3, 'UTC'),
  -- First counted purchase of its buyer when computed (used when the shop sent no new_customer).
  is_new UInt8,
  -- (channel, source, medium, campaign, ad_group, ad, partner, landing_page, device, country, touch ms, weight)
  steps Array(Tuple(String, String, String, String, String, String, String, String, String, String, Int64, Float64))
) ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(toDateTime(intDiv(c_ms, 1000), 'UTC'))
-- Derived data (recomputed when missing): no fsync per insert.
ORDER BY (workspace_id, model_key, conversion_id, c_ms);
