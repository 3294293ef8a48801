import type { ClickHouseClient } from '@clickhouse/client';
import { addDays } from '../../core/periods.js';
import { localDate, nextDate, toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import { MAX_PAST_MS } from '../../core/time.js';

/**
 * The daily traffic rollup (migration 005). A day is settled once the collector can no longer
 * date an event on it: events older than MAX_PAST_MS (7 days) before their receipt get the receive
 * time instead. One more day of margin covers time zones and the clock of the server.
 */
export function lastSettledDay(now: number, timeZone: string): string {
  return addDays(localDate(now - MAX_PAST_MS, timeZone), -1);
}

const BUILD_SQL = `
  INSERT INTO traffic_daily (workspace_id, time_zone, day, build, channel, source, medium, campaign, ad_group, ad,
    partner, landing_page, device, country, visits, add_to_carts)
  SELECT {ws:String}, {tz:String}, toDate(ts, {tz:String}) AS d, {build:UInt64},
    channel, source, medium, utm_campaign, utm_term, utm_content, partner, path, device, country,
    countIf(type = 'pageview' AND touch = 1), countIf(type = 'add_to_cart')
  FROM touchpoints FINAL
  WHERE workspace_id = {ws:String} AND is_bot = 0 AND (touch = 1 OR type = 'add_to_cart')
    AND ts >= {run_from:DateTime64(3, 'UTC')} AND ts < {run_to:DateTime64(3, 'UTC')}
  GROUP BY d, channel, source, medium, utm_campaign, utm_term, utm_content, partner, path, device, country`;

/** Build the settled days of [from, to] that have no build yet; answers how many were built. */
export async function ensureTrafficDaily(
  client: ClickHouseClient,
  ws: string,
  timeZone: string,
  from: string,
  to: string,
): Promise<number> {
  if (from > to) return 0;
  const rs = await client.query({
    query: `SELECT toString(day) AS d FROM traffic_daily_builds FINAL
      WHERE workspace_id = {ws:String} AND time_zone = {tz:String} AND day >= {from:Date} AND day <= {to:Date}`,
    query_params: { ws, tz: timeZone, from, to },
    format: 'JSONEachRow',
  });
  const built = new Set((await rs.json<{ d: string }>()).map((r) => r.d));
  const missing: Array<[string, string]> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (built.has(d)) continue;
    const last = missing.at(-1);
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else missing.push([d, d]);
  }
  const build = Date.now();
  let days = 0;
  for (const [a, b] of missing) {
    await client.command({
      query: BUILD_SQL,
      query_params: {
        ws,
        tz: timeZone,
        build,
        run_from: toClickHouseDateTime(zonedDayStart(a, timeZone)),
        run_to: toClickHouseDateTime(zonedDayStart(nextDate(b), timeZone)),
      },
    });
    const list: Array<Record<string, unknown>> = [];
    for (let d = a; d <= b; d = addDays(d, 1))
      list.push({ workspace_id: ws, time_zone: timeZone, day: d, build });
    await client.insert({ table: 'traffic_daily_builds', values: list, format: 'JSONEachRow' });
    days += list.length;
  }
  return days;
}

/** Forget every rollup build (after a spool replay put old rows in): they are rebuilt on demand. */
export async function invalidateRollups(client: ClickHouseClient): Promise<void> {
  await client.command({ query: 'TRUNCATE TABLE IF EXISTS traffic_daily_builds' });
  await client.command({ query: 'TRUNCATE TABLE IF EXISTS traffic_daily' });
}
