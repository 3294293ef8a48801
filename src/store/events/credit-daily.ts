import type { ClickHouseClient } from '@clickhouse/client';
import type { KpiModel } from '../../core/report-params.js';
import { addDays } from '../../core/periods.js';
import { nextDate, toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import { CONVERSIONS_IN_RANGE, CREDIT_IN_RANGE, refreshCredit } from './credit.js';
import { refreshRollup, type Rollup } from './rollup-watermarks.js';

/**
 * For every day a changed conversion is or was on (each version row gives one), the newest version
 * of those conversions: the day is stale when that is newer than its build had seen. The versions
 * of the changed conversions are found through the table's key (the IN), not by joining every
 * conversion.
 */
const CHANGED_SQL = `
  SELECT toString(toDate(c.ts, {tz:String}) AS d) AS u, toString(max(ch.newest)) AS v
  FROM (
    SELECT conversion_id, ts FROM conversions
    WHERE workspace_id = {ws:String} AND conversion_id IN (
      SELECT conversion_id FROM conversions WHERE workspace_id = {ws:String} AND version > {oldest:UInt64})
  ) AS c
  INNER JOIN (
    SELECT conversion_id, max(version) AS newest FROM conversions
    WHERE workspace_id = {ws:String} AND version > {oldest:UInt64} GROUP BY conversion_id
  ) AS ch ON ch.conversion_id = c.conversion_id
  GROUP BY d HAVING d >= {day_from:Date} AND d <= {day_to:Date}`;

const DAILY: Rollup = {
  table: 'credit_daily_builds',
  rowsTable: 'credit_daily',
  unit: 'day',
  from: 'day_from',
  to: 'day_to',
  changedSql: CHANGED_SQL,
};

/**
 * The daily rollup of attributed conversions (migration 004): each local day of a model is built
 * once from the stored credit and the conversions' current state, and rebuilt when a conversion of
 * that day changes (a new conversion, a refund, a changed timestamp — the day it left included).
 * Conversion versions are receive times in µs, so "changed since the build" is a version above
 * the one the build had seen.
 */

const BUILD_SQL = `
  INSERT INTO credit_daily (workspace_id, model_key, day, build, channel, source, medium, campaign, ad_group, ad,
    partner, landing_page, device, country, conversion_type, customer_type, currency, conversions, leads, orders,
    signups, installs, new_customers, net, order_net, margin_net, unmargined_net, all_net, conversion_rows)
  WITH ${CONVERSIONS_IN_RANGE}
  SELECT {ws:String}, {model_key:String}, day, {build:UInt64},
    s.1, s.2, s.3, s.4, s.5, s.6, s.7, s.8, s.9, s.10, toString(type), customer_type, toString(currency),
    sum(s.12 * counted),
    sum(s.12 * counted * (type = 'lead')),
    sum(s.12 * counted * (type = 'purchase')),
    sum(s.12 * counted * (type = 'signup')),
    sum(s.12 * counted * (type = 'install')),
    sum(s.12 * counted * (type = 'purchase') * is_new),
    sum(s.12 * net),
    sum(s.12 * net * (type = 'purchase')),
    sumIf(s.12 * net * margin, isNotNull(margin)),
    sumIf(s.12 * net, isNull(margin)),
    sumIf(net, weight_index = 1),
    countIf(weight_index = 1)
  FROM (
    SELECT c.day AS day, c.type AS type, c.currency AS currency, c.counted AS counted, c.net AS net,
      c.margin AS margin,
      if(isNotNull(c.new_customer), c.new_customer = 1, cr.is_new = 1) AS is_new,
      multiIf(ifNull(c.new_customer, 2) = 1, 'new', ifNull(c.new_customer, 2) = 0, 'returning',
              c.type = 'purchase', if(cr.is_new = 1, 'new', 'returning'), '') AS customer_type,
      cr.steps AS steps
    FROM convs AS c
    ANY INNER JOIN (${CREDIT_IN_RANGE}) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
  )
  ARRAY JOIN steps AS s, arrayEnumerate(steps) AS weight_index
  GROUP BY day, s.1, s.2, s.3, s.4, s.5, s.6, s.7, s.8, s.9, s.10, type, customer_type, currency`;

/** Contiguous runs of sorted dates: ['01','02','04'] → [['01','02'], ['04','04']]. */
function runs(days: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/**
 * Make the rollup current for the local days [from, to] of a model: build the days never built
 * and rebuild those a conversion changed since. `params` are the KPI query's (ws, tz, model
 * settings). Answers the number of days (re)built.
 */
export function ensureDailyCredit(
  client: ClickHouseClient,
  model: KpiModel,
  params: Record<string, unknown>,
  from: string,
  to: string,
  timeZone: string,
): Promise<number> {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return refreshRollup(
    client,
    DAILY,
    { ...params, day_from: from, day_to: to },
    days,
    async (stale, build) => {
      for (const [a, b] of runs(stale)) {
        const fromMs = zonedDayStart(a, timeZone);
        const toMs = zonedDayStart(nextDate(b), timeZone);
        const runParams = {
          ...params,
          from_ts: toClickHouseDateTime(fromMs),
          to_ts: toClickHouseDateTime(toMs),
          tp_from: toClickHouseDateTime(fromMs - Number(params.click_lookback_ms ?? 30 * 86_400_000)),
          build,
        };
        await refreshCredit(client, model, runParams);
        await client.command({ query: BUILD_SQL, query_params: runParams });
      }
    },
  );
}
