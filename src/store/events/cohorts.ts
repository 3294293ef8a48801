import type { ClickHouseClient } from '@clickhouse/client';
import { nextDate, toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import type { CohortFactQuery, CohortFacts } from '../ports.js';
import { creditParams, refreshCredit } from './credit.js';

/**
 * Customer cohorts (buyers are joined on a 64-bit hash of their key: joins of strings cost several
 * times more at a million customers): a buyer (customer id, else hashed e-mail, else visitor) belongs to the month of
 * their first counted purchase (local time) and to the first-touch channel of that purchase's path
 * (first-click credit). For every later month their revenue and gross profit are summed, in the
 * base currency at the rate of each purchase's day.
 */
const BUYER = `multiIf(customer_id != '', concat('c:', customer_id), email_sha256 != '', concat('e:', email_sha256),
  visitor_id != '', concat('v:', visitor_id), concat('x:', conversion_id))`;

const COHORTS_SQL = `
  WITH
  purchases AS (
    SELECT conversion_id, cityHash64(${BUYER}) AS buyer, ts, toUnixTimestamp64Milli(ts) AS c_ms,
      toStartOfMonth(toDate(ts, {tz:String})) AS month, toDate(ts, {tz:String}) AS day, currency, margin,
      toFloat64(value - refunded_value) AS net
    FROM (
      SELECT * FROM conversions WHERE workspace_id = {ws:String} AND type = 'purchase'
      ORDER BY version DESC LIMIT 1 BY conversion_id
    )
    WHERE (status = 'completed' OR (status = 'refunded' AND refunded_value < value))
      AND ts < {until_ts:DateTime64(3, 'UTC')}
  ),
  firsts AS (
    SELECT buyer, argMin(conversion_id, ts) AS first_id, argMin(c_ms, ts) AS first_ms, min(month) AS cohort
    FROM purchases GROUP BY buyer
    HAVING cohort >= {from_month:Date} AND cohort <= {to_month:Date}
  ),
  acquired AS (
    SELECT f.buyer AS buyer, f.cohort AS cohort, cr.channel AS channel
    FROM firsts AS f
    ANY LEFT JOIN (
      -- Only the first step's channel: the subcolumn, not the whole path.
      SELECT conversion_id, c_ms, arrayElement(steps.1, 1) AS channel FROM conversion_credit
      WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
        AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
    ) AS cr ON cr.conversion_id = f.first_id AND cr.c_ms = f.first_ms
  ),
  valued AS (
    SELECT p.buyer AS buyer, p.month AS month, p.net * if(p.currency = {base:String}, 1., r.rate) AS rev,
      if(p.currency = {base:String}, 1., r.rate) AS fx,
      coalesce(p.margin, {default_margin:Nullable(Float64)}) AS m
    FROM purchases AS p
    ASOF LEFT JOIN (
      SELECT currency, date AS rate_date, toFloat64(rate) AS rate FROM fx_rates FINAL
      WHERE workspace_id = {ws:String}
    ) AS r ON p.currency = r.currency AND p.day >= r.rate_date
  )
  SELECT toString(a.cohort) AS cohort, a.channel AS channel,
    dateDiff('month', a.cohort, v.month) AS age,
    uniqExact(v.buyer) AS active,
    sumIf(v.rev, v.fx > 0) AS revenue,
    sumIf(v.rev * v.m, v.fx > 0 AND isNotNull(v.m)) AS gross_profit,
    sumIf(v.rev, v.fx > 0 AND isNull(v.m)) AS unmargined_revenue
  FROM valued AS v INNER JOIN acquired AS a ON a.buyer = v.buyer
  GROUP BY cohort, channel, age
  ORDER BY cohort, channel, age`;

/** See EventStore.cohortFacts. */
export async function cohortFacts(
  client: ClickHouseClient,
  ws: string,
  q: CohortFactQuery,
): Promise<CohortFacts> {
  const fromMs = zonedDayStart(q.fromMonth, q.timeZone);
  const untilMs = zonedDayStart(nextDate(q.until), q.timeZone);
  const params = {
    ws,
    tz: q.timeZone,
    base: q.baseCurrency,
    default_margin: q.defaultMargin,
    from_month: q.fromMonth,
    to_month: q.toMonth,
    until_ts: toClickHouseDateTime(untilMs),
    // For the first-touch channel: first-click credit of the purchases since the first cohort.
    from_ts: toClickHouseDateTime(fromMs),
    to_ts: toClickHouseDateTime(untilMs),
    tp_from: toClickHouseDateTime(fromMs - q.attribution.click_lookback_days * 86_400_000),
    ...creditParams({ ...q.attribution, model: 'first_click' }, q.timeZone),
  };
  await refreshCredit(client, 'first_click', params);
  const rs = await client.query({ query: COHORTS_SQL, query_params: params, format: 'JSONEachRow' });
  const cells = await rs.json<Record<string, unknown>>();
  return {
    cells: cells.map((c) => ({
      cohort: String(c.cohort).slice(0, 7),
      channel: String(c.channel),
      age: Number(c.age),
      active: Number(c.active),
      revenue: Number(c.revenue),
      gross_profit: Number(c.gross_profit),
      unmargined_revenue: Number(c.unmargined_revenue),
    })),
  };
}
