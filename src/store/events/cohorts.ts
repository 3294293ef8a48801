import type { ClickHouseClient } from '@clickhouse/client';
import { periodStarts } from '../../core/periods.js';
import { toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import type { CohortFactQuery, CohortFacts } from '../ports.js';
import { creditParams, refreshCredit } from './credit.js';
import { refreshRollup, type Rollup } from './rollup-watermarks.js';
import { rows } from './query-rows.js';
import { FX_RATES } from './costs.js';

/**
 * Customer cohorts (buyers are joined on a 64-bit hash of their key: joins of strings cost several
 * times more at a million customers): a buyer (customer id, else hashed e-mail, else visitor) belongs to the month of
 * their first counted purchase (local time) and to the first-touch channel of that purchase's path
 * (first-click credit). For every later month their revenue and gross profit are summed, in the
 * base currency at the rate of each purchase's day.
 *
 * The purchases are rolled up per acquisition month (migration 007, `cohort_monthly`) and the
 * report sums the rollup: FX, the default margin and the "as of" day are applied when read, so
 * that only a change of the purchases themselves makes a month stale.
 */
const BUYER = `multiIf(customer_id != '', concat('c:', customer_id), email_sha256 != '', concat('e:', email_sha256),
  visitor_id != '', concat('v:', visitor_id), concat('x:', conversion_id))`;

const COUNTED = `(status = 'completed' OR (status = 'refunded' AND refunded_value < value))`;

/**
 * One build of the acquisition months `{cohorts}` in one pass over the purchases: each buyer's
 * counted purchases in time order (ties by id, so that every build agrees on the acquiring one);
 * the buyers whose first purchase is in one of those months, with the first-touch channel of that
 * purchase; their purchases summed per channel, local day and currency, and on the row of each
 * buyer's first purchase of a month a 1 in `actives`.
 */
const BUILD_SQL = `
  INSERT INTO cohort_monthly (workspace_id, model_key, cohort, build, channel, day, currency, actives, net,
    margin_net, unmargined_net)
  WITH
  purchases AS (
    SELECT conversion_id, cityHash64(${BUYER}) AS buyer, ts, toUnixTimestamp64Milli(ts) AS c_ms,
      toDate(ts, {tz:String}) AS day, toString(currency) AS cur, margin, toFloat64(value - refunded_value) AS net
    FROM (
      SELECT * FROM conversions WHERE workspace_id = {ws:String} AND type = 'purchase'
      ORDER BY version DESC LIMIT 1 BY conversion_id
    )
    WHERE ${COUNTED}
  ),
  buyers AS (
    SELECT buyer, arraySort(x -> (x.1, x.2), groupArray((ts, conversion_id, c_ms, day, cur, net, margin))) AS ps,
      ps[1].2 AS first_id, ps[1].3 AS first_ms, toStartOfMonth(ps[1].4) AS cohort,
      -- The local day grows with the time: a month's first purchase is where the month changes.
      arrayMap(i -> i = 1 OR toStartOfMonth(ps[i].4) != toStartOfMonth(ps[i - 1].4), arrayEnumerate(ps)) AS opens
    FROM purchases GROUP BY buyer
    HAVING has({cohorts:Array(Date)}, cohort)
  )
  SELECT {ws:String}, {model_key:String}, cohort, {build:UInt64}, channel, p.4 AS day, p.5 AS cur,
    countIf(opens_month) AS actives, sum(p.6) AS net, sumIf(p.6 * p.7, isNotNull(p.7)) AS margin_net,
    sumIf(p.6, isNull(p.7)) AS unmargined_net
  FROM (
    SELECT b.cohort AS cohort, cr.channel AS channel, b.ps AS ps, b.opens AS opens
    FROM buyers AS b
    ANY LEFT JOIN (
      -- Only the first step's channel: the subcolumn, not the whole path.
      SELECT conversion_id, c_ms, arrayElement(steps.1, 1) AS channel FROM conversion_credit
      WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
        AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
        AND c_ms < toUnixTimestamp64Milli({to_ts:DateTime64(3, 'UTC')})
    ) AS cr ON cr.conversion_id = b.first_id AND cr.c_ms = b.first_ms
  )
  ARRAY JOIN ps AS p, opens AS opens_month
  GROUP BY cohort, channel, day, cur`;

/**
 * The acquisition months a change may have moved: for every conversion changed since `oldest`,
 * the buyers of all its versions (an update may change the customer id), and every month in which
 * one of those buyers has a version that was a counted purchase — the month that was their cohort
 * when a build was made is one of them, and so is the month that is now. With the newest change
 * that reaches the month, to compare with what its build had seen.
 */
const CHANGED_SQL = `
  WITH
  changed AS (
    SELECT conversion_id, max(version) AS newest FROM conversions
    WHERE workspace_id = {ws:String} AND version > {oldest:UInt64} GROUP BY conversion_id
  ),
  affected AS (
    SELECT v.buyer AS buyer, max(ch.newest) AS newest
    FROM (
      SELECT conversion_id, cityHash64(${BUYER}) AS buyer FROM conversions
      WHERE workspace_id = {ws:String} AND conversion_id IN (SELECT conversion_id FROM changed)
    ) AS v
    INNER JOIN changed AS ch ON ch.conversion_id = v.conversion_id
    GROUP BY buyer
  )
  SELECT toString(p.month) AS u, toString(max(a.newest)) AS v
  FROM (
    SELECT cityHash64(${BUYER}) AS buyer, toStartOfMonth(toDate(ts, {tz:String})) AS month FROM conversions
    WHERE workspace_id = {ws:String} AND type = 'purchase' AND ${COUNTED}
  ) AS p
  INNER JOIN affected AS a ON a.buyer = p.buyer
  WHERE p.month >= {from_month:Date} AND p.month <= {to_month:Date}
  GROUP BY p.month`;

const MONTHLY: Rollup = {
  table: 'cohort_monthly_builds',
  rowsTable: 'cohort_monthly',
  unit: 'cohort',
  from: 'from_month',
  to: 'to_month',
  changedSql: CHANGED_SQL,
};

/**
 * The cells over the current builds: purchases up to the "as of" day, in the base currency at the
 * rate of their day (left out without one), gross profit with the workspace's default margin
 * where the purchase carries none.
 */
const READ_SQL = `
  SELECT toString(month) AS cohort, channel, dateDiff('month', month, toStartOfMonth(day)) AS age,
    sum(actives) AS active,
    sumIf(net * fx, fx > 0) AS revenue,
    sumIf(margin_net * fx, fx > 0)
      + if(isNull({default_margin:Nullable(Float64)}), 0,
           sumIf(unmargined_net * fx, fx > 0) * assumeNotNull({default_margin:Nullable(Float64)})) AS gross_profit,
    if(isNull({default_margin:Nullable(Float64)}), sumIf(unmargined_net * fx, fx > 0), 0) AS unmargined_revenue
  FROM (
    SELECT i.*, if(i.cur = {base:String}, 1., r.rate) AS fx
    FROM (
      SELECT cohort AS month, toString(channel) AS channel, day, toString(currency) AS cur, sum(actives) AS actives,
        sum(net) AS net, sum(margin_net) AS margin_net, sum(unmargined_net) AS unmargined_net
      FROM cohort_monthly
      WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
        AND cohort >= {from_month:Date} AND cohort <= {to_month:Date} AND day <= {until:Date}
        AND (cohort, build) IN (
          SELECT cohort, build FROM cohort_monthly_builds FINAL
          WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
            AND cohort >= {from_month:Date} AND cohort <= {to_month:Date})
      GROUP BY month, channel, day, cur
    ) AS i
    ASOF LEFT JOIN (
      ${FX_RATES}
    ) AS r ON i.cur = r.currency AND i.day >= r.rate_date
  )
  GROUP BY month, channel, age
  ORDER BY month, channel, age`;

/**
 * Make the rollup current for the acquisition months [fromMonth, toMonth]: build the months never
 * built and rebuild those a changed purchase reaches. Answers the months (re)built.
 */
export function ensureCohortRollup(
  client: ClickHouseClient,
  params: Record<string, unknown>,
  fromMonth: string,
  toMonth: string,
  timeZone: string,
): Promise<number> {
  const p = { ...params, from_month: fromMonth, to_month: toMonth };
  const months = periodStarts(fromMonth, toMonth, 'month');
  return refreshRollup(client, MONTHLY, p, months, async (list, build) => {
    const fromMs = zonedDayStart(list[0]!, timeZone);
    const toMs = zonedDayStart(nextMonth(list.at(-1)!), timeZone);
    const lookback = Math.max(Number(params.click_lookback_ms), Number(params.view_lookback_ms));
    const runParams = {
      ...p,
      from_ts: toClickHouseDateTime(fromMs),
      to_ts: toClickHouseDateTime(toMs),
      tp_from: toClickHouseDateTime(fromMs - lookback),
      cohorts: list,
      build,
    };
    // The acquiring purchases' first-touch channel: first-click credit of every conversion there.
    await refreshCredit(client, 'first_click', runParams);
    await client.command({ query: BUILD_SQL, query_params: runParams });
  });
}

function nextMonth(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** See EventStore.cohortFacts. */
export async function cohortFacts(
  client: ClickHouseClient,
  ws: string,
  q: CohortFactQuery,
): Promise<CohortFacts> {
  const params = {
    ws,
    tz: q.timeZone,
    base: q.baseCurrency,
    default_margin: q.defaultMargin,
    from_month: q.fromMonth,
    to_month: q.toMonth,
    until: q.until,
    ...creditParams({ ...q.attribution, model: 'first_click' }, q.timeZone),
  };
  await ensureCohortRollup(client, params, q.fromMonth, q.toMonth, q.timeZone);
  const cells = await rows<Record<string, unknown>>(client, READ_SQL, params);
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
