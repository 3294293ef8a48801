-- Aggregate projections of the rollups without their widest dimensions (landing page, ad group,
-- ad, partner): reports by channel, source, medium, campaign, device or country — most of them —
-- read these instead of every combination (measured on a year of a large shop: 5.3 M traffic
-- rows, channel × day over 90 days 139 ms → 24 ms). The engine picks a projection by itself when
-- a query's grouping and filters fit it.
ALTER TABLE traffic_daily ADD PROJECTION IF NOT EXISTS by_source (
  SELECT workspace_id, time_zone, day, build, channel, source, medium, campaign, device, country,
    sum(visits), sum(add_to_carts)
  GROUP BY workspace_id, time_zone, day, build, channel, source, medium, campaign, device, country
);
ALTER TABLE traffic_daily MATERIALIZE PROJECTION by_source;
ALTER TABLE credit_daily ADD PROJECTION IF NOT EXISTS by_source (
  SELECT workspace_id, model_key, day, build, channel, source, medium, campaign, device, country,
    conversion_type, customer_type, currency,
    sum(conversions), sum(leads), sum(orders), sum(signups), sum(installs), sum(new_customers),
    sum(net), sum(order_net), sum(margin_net), sum(unmargined_net), sum(all_net), sum(conversion_rows)
  GROUP BY workspace_id, model_key, day, build, channel, source, medium, campaign, device, country,
    conversion_type, customer_type, currency
);
ALTER TABLE credit_daily MATERIALIZE PROJECTION by_source;
