import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseDateTime } from '../../core/time.js';
import type { ExperimentFactQuery, ExperimentFacts } from '../ports.js';
import { FX_RATES } from './costs.js';

/**
 * Event-based experiment facts. A unit is a person — the touchpoint's customer id, else the
 * customer its visitor is linked to, else the visitor (as the credit paths stitch them) — assigned
 * to the variant of their first exposure in the window (intention to treat: later exposures to
 * another variant are counted as crossovers, never moved). Outcomes are the person's counted
 * conversions of the asked type from that first exposure to the end of the window, net of refunds
 * and in the base currency at the rate of their day; the CUPED covariate is the person's revenue in
 * the `pre_days` before their first exposure.
 */
const CTES = `
  ident AS (
    SELECT visitor_id, min(customer_id) AS customer_id FROM identities
    WHERE workspace_id = {ws:String} GROUP BY visitor_id
  ),
  exposures AS (
    SELECT if(t.customer_id != '', t.customer_id, if(i.customer_id != '', i.customer_id, t.visitor_id)) AS person,
      toUnixTimestamp64Milli(t.ts) AS e_ms, toString(t.variant) AS e_variant, toString(t.device) AS e_device,
      toString(t.browser) AS e_browser, toString(t.channel) AS e_channel, toString(toDate(t.ts, {tz:String})) AS e_day
    FROM (
      -- No FINAL: a duplicate of an exposure (same event id) changes no first exposure, variant or
      -- crossover count below, and skipping the merge is most of this step's cost.
      SELECT visitor_id, customer_id, ts, variant, device, browser, channel FROM touchpoints
      WHERE workspace_id = {ws:String} AND experiment = {key:String} AND is_bot = 0
        AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
    ) AS t
    LEFT JOIN ident AS i ON i.visitor_id = t.visitor_id
    WHERE person != ''
  )`;

const OUTCOMES = `
  WITH ${CTES},
  cur AS (
    SELECT conversion_id, type, status, ts, value, refunded_value, currency, customer_id, visitor_id
    FROM conversions
    WHERE workspace_id = {ws:String} AND conversion_id IN (
      SELECT conversion_id FROM conversions WHERE workspace_id = {ws:String}
        AND ts >= {pre_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')})
    ORDER BY version DESC LIMIT 1 BY conversion_id
  ),
  convs AS (
    SELECT if(c.customer_id != '', c.customer_id, if(i.customer_id != '', i.customer_id, c.visitor_id)) AS person,
      toUnixTimestamp64Milli(c.ts) AS c_ms, toDate(c.ts, {tz:String}) AS day, c.currency AS currency,
      toFloat64(c.value - c.refunded_value) AS net
    FROM cur AS c LEFT JOIN ident AS i ON i.visitor_id = c.visitor_id
    WHERE c.type = {type:String} AND (c.status = 'completed' OR (c.status = 'refunded' AND c.refunded_value < c.value))
      AND c.ts >= {pre_ts:DateTime64(3, 'UTC')} AND c.ts < {to_ts:DateTime64(3, 'UTC')}
  ),
  valued AS (
    SELECT v.person AS person, v.c_ms AS c_ms, if(v.currency = {base:String}, 1., r.rate) AS fx, v.net * fx AS rev
    FROM convs AS v
    ASOF LEFT JOIN (
      ${FX_RATES}
    ) AS r ON v.currency = r.currency AND v.day >= r.rate_date
  ),
  -- Exposures and conversions as one stream grouped by person (no join): the first exposure, its
  -- variant and segments, and the person's conversions as an array to split at that moment.
  stream AS (
    SELECT person, e_ms AS t, 1 AS is_exp, e_variant, e_device, e_browser, e_channel, e_day, 0. AS rev, 0. AS fx
    FROM exposures
    UNION ALL
    SELECT person, c_ms, 0, '', '', '', '', '', rev, fx FROM valued
  ),
  grouped AS (
    SELECT person, minIf(t, is_exp = 1) AS first_ms, argMinIf(e_variant, t, is_exp = 1) AS u_variant,
      argMinIf(e_device, t, is_exp = 1) AS u_device, argMinIf(e_browser, t, is_exp = 1) AS u_browser,
      argMinIf(e_channel, t, is_exp = 1) AS u_channel, argMinIf(e_day, t, is_exp = 1) AS u_day,
      uniqExactIf(e_variant, is_exp = 1) AS u_seen, countIf(is_exp = 1) AS n_exp,
      groupArrayIf((t, rev, fx), is_exp = 0) AS cs
    FROM stream GROUP BY person
    HAVING n_exp > 0
  ),
  per_person AS (
    SELECT u_variant, u_device, u_browser, u_channel, u_day, u_seen,
      arrayCount(x -> x.1 >= first_ms, cs) AS u_orders,
      arraySum(x -> if(x.1 >= first_ms AND x.3 > 0, x.2, 0.), cs) AS u_rev,
      arrayCount(x -> x.1 >= first_ms AND NOT x.3 > 0, cs) AS u_unconverted,
      arraySum(x -> if(x.1 < first_ms AND x.1 >= first_ms - {pre_ms:Int64} AND x.3 > 0, x.2, 0.), cs) AS u_pre
    FROM grouped
  )
  -- One pass for the totals (dimension '') and the SRM segments (grouping sets: everything
  -- above runs once; grouping(x) = 0 when x is in the row's set).
  SELECT multiIf(grouping(u_device) = 0, 'device', grouping(u_browser) = 0, 'browser',
      grouping(u_channel) = 0, 'channel', grouping(u_day) = 0, 'day', '') AS dimension,
    multiIf(dimension = 'device', u_device, dimension = 'browser', u_browser, dimension = 'channel', u_channel,
      dimension = 'day', u_day, '') AS segment,
    u_variant AS variant, count() AS units,
    countIf(u_orders > 0) AS converters, sum(u_orders) AS orders,
    sum(u_orders * u_orders) AS orders_sq, sum(u_rev) AS revenue, sum(u_rev * u_rev) AS revenue_sq,
    sum(u_rev * u_orders) AS revenue_orders, sum(u_pre) AS pre_revenue, sum(u_pre * u_pre) AS pre_revenue_sq,
    sum(u_pre * u_rev) AS pre_cross, countIf(u_seen > 1) AS crossovers, sum(u_unconverted) AS unconverted
  FROM per_person
  GROUP BY GROUPING SETS ((u_variant), (u_variant, u_device), (u_variant, u_browser), (u_variant, u_channel),
    (u_variant, u_day))`;

/** See EventStore.experimentFacts. */
export async function experimentFacts(
  client: ClickHouseClient,
  ws: string,
  q: ExperimentFactQuery,
): Promise<ExperimentFacts> {
  const preMs = q.preDays * 86_400_000;
  const params = {
    ws,
    key: q.key,
    tz: q.timeZone,
    base: q.baseCurrency,
    type: q.conversionType,
    from_ts: toClickHouseDateTime(q.from),
    to_ts: toClickHouseDateTime(q.to),
    pre_ts: toClickHouseDateTime(q.from - preMs),
    pre_ms: preMs,
  };
  const run = async (query: string) =>
    (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<
      Record<string, unknown>
    >();
  const all = await run(OUTCOMES);
  const variants = all.filter((r) => r.dimension === '');
  const segments = all.filter((r) => r.dimension !== '');
  const n = (v: unknown) => Number(v);
  return {
    variants: variants.map((r) => ({
      variant: String(r.variant),
      units: n(r.units),
      converters: n(r.converters),
      orders: n(r.orders),
      orders_sq: n(r.orders_sq),
      revenue: n(r.revenue),
      revenue_sq: n(r.revenue_sq),
      revenue_orders: n(r.revenue_orders),
      pre_revenue: n(r.pre_revenue),
      pre_revenue_sq: n(r.pre_revenue_sq),
      pre_cross: n(r.pre_cross),
      crossovers: n(r.crossovers),
      unconverted: n(r.unconverted),
    })),
    segments: segments.map((r) => ({
      dimension: String(r.dimension) as ExperimentFacts['segments'][number]['dimension'],
      segment: String(r.segment),
      variant: String(r.variant),
      units: n(r.units),
    })),
  };
}

/**
 * See EventStore.visitorsEntering: distinct non-bot visitors with a touchpoint in [from, to) —
 * the units a test on all traffic would enter over that span (each person enters once).
 */
export async function visitorsEntering(
  client: ClickHouseClient,
  ws: string,
  q: { from: number; to: number },
): Promise<number> {
  const rs = await client.query({
    query: `SELECT uniqExact(visitor_id) AS n FROM touchpoints
      WHERE workspace_id = {ws:String} AND is_bot = 0 AND visitor_id != ''
        AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}`,
    query_params: { ws, from_ts: toClickHouseDateTime(q.from), to_ts: toClickHouseDateTime(q.to) },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ n: string | number }>();
  return Number(rows[0]?.n ?? 0);
}
