import type { ClickHouseClient } from '@clickhouse/client';
import { emptyInputs, type KpiInputs } from '../../core/kpis.js';
import type { Grain } from '../../core/periods.js';
import type { Dimension } from '../../core/report-params.js';
import { nextDate, toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import type { KpiFactQuery, KpiFactRow, KpiFacts, KpiMissingRate } from '../ports.js';
import { EFFECTIVE_COSTS, FX_RATES } from './costs.js';
import { ensureDailyCredit } from './credit-daily.js';
import { ensureTrafficDaily, lastSettledDay } from './traffic-daily.js';
import { CONVERSIONS_IN_RANGE, CREDIT_IN_RANGE, creditParams, refreshCredit } from './credit.js';
import { rows } from './query-rows.js';

/**
 * KPI inputs from three streams, each grouped by period and the asked dimensions, merged in JS:
 * costs (effective cost rows converted at the rate of their date), tracked traffic (landing
 * pageviews and add-to-carts of humans) and conversions credited to the touches of their path
 * under the chosen model. A dimension a stream does not know (a cost has no device) reads as
 * "not set" there. Identifiers come from the fixed maps below; every value is a bound parameter.
 */

/**
 * The collector's UTM normalisation (core/url.ts normaliseUtm: trim, collapse inner whitespace,
 * lower-case) applied to cost-file names, so that "Summer Sale " and "summer sale" are one campaign.
 */
const NORM = (col: string) => `lowerUTF8(trimBoth(replaceRegexpAll(toString(${col}), {ws_re:String}, ' ')))`;
/** JavaScript's `\s`, which normaliseUtm collapses, as an RE2 class. */
const WHITESPACE_RE =
  '[\\t\\n\\x{0B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+';

const COST_DIMS: Record<Dimension, string> = {
  channel: 'toString(channel)',
  source: 'toString(source)',
  medium: 'toString(medium)',
  campaign: `transform(${NORM('campaign')}, {map_from:Array(String)}, {map_to:Array(String)}, ${NORM('campaign')})`,
  ad_group: NORM('ad_group'),
  ad: NORM('ad'),
  partner: 'toString(partner)',
  landing_page: "''",
  device: "''",
  country: "''",
  conversion_type: "''",
  customer_type: "''",
};

const TRAFFIC_DIMS: Record<Dimension, string> = {
  channel: 'toString(channel)',
  source: 'toString(source)',
  medium: 'toString(medium)',
  campaign: 'toString(utm_campaign)',
  ad_group: 'utm_term',
  ad: 'toString(utm_content)',
  partner: 'toString(partner)',
  landing_page: 'path',
  device: 'toString(device)',
  country: 'toString(country)',
  conversion_type: "''",
  customer_type: "''",
};

const CONVERSION_DIMS: Record<Dimension, string> = {
  channel: 's.1',
  source: 's.2',
  medium: 's.3',
  campaign: 's.4',
  ad_group: 's.5',
  ad: 's.6',
  partner: 's.7',
  landing_page: 's.8',
  device: 's.9',
  country: 's.10',
  conversion_type: 'toString(type)',
  customer_type: 'customer_type',
};

/** The daily rollup's columns are named after the dimensions. */
const DAILY_DIMS = Object.fromEntries(
  (Object.keys(CONVERSION_DIMS) as Dimension[]).map((d) => [d, `toString(${d})`]),
) as Record<Dimension, string>;

const PERIOD: Record<Grain, (d: string) => string> = {
  day: (d) => d,
  week: (d) => `toMonday(${d})`,
  month: (d) => `toStartOfMonth(${d})`,
  quarter: (d) => `toStartOfQuarter(${d})`,
};

/**
 * The keys every stream groups by besides the dimensions: the period of the row's local day, and
 * with `splitAt` which side of it the day is on (so that one query answers two adjacent ranges).
 */
function periodKeys(q: KpiFactQuery, day: string): Array<{ expr: string; name: string }> {
  const keys: Array<{ expr: string; name: string }> = [];
  if (q.grain) keys.push({ expr: `toString(${PERIOD[q.grain](day)}) AS period`, name: 'period' });
  if (q.splitAt) keys.push({ expr: `toUInt8(${day} < {split_at:Date}) AS before`, name: 'before' });
  return keys;
}

/** SELECT list, WHERE and GROUP BY parts for a stream's dimension expressions. */
function shape(q: KpiFactQuery, dims: Record<Dimension, string>, day: string) {
  const select: string[] = [];
  const group: string[] = [];
  for (const k of periodKeys(q, day)) {
    select.push(k.expr);
    group.push(k.name);
  }
  for (const d of q.by) {
    select.push(`${dims[d]} AS d_${d}`);
    group.push(`d_${d}`);
  }
  const where = q.filters.map((f) => `${dims[f.dimension]} IN {f_${f.dimension}:Array(String)}`);
  return {
    select: select.length ? `${select.join(', ')},` : '',
    where: where.length ? ` AND ${where.join(' AND ')}` : '',
    group: group.length ? `GROUP BY ${group.join(', ')}` : '',
  };
}

function bounds(q: KpiFactQuery) {
  const fromMs = zonedDayStart(q.from, q.timeZone);
  const toMs = zonedDayStart(nextDate(q.to), q.timeZone);
  return { fromMs, toMs };
}

export function baseParams(ws: string, q: KpiFactQuery): Record<string, unknown> {
  const { fromMs, toMs } = bounds(q);
  const p: Record<string, unknown> = {
    ws,
    tz: q.timeZone,
    base: q.baseCurrency,
    from: q.from,
    to: q.to,
    from_ts: toClickHouseDateTime(fromMs),
    to_ts: toClickHouseDateTime(toMs),
    tp_from: toClickHouseDateTime(
      fromMs - Math.max(q.attribution.click_lookback_days, q.attribution.view_lookback_days) * 86_400_000,
    ),
    undone: q.undoneImports,
    map_from: q.campaignMappings.map((m) => m.from),
    map_to: q.campaignMappings.map((m) => m.to),
    ws_re: WHITESPACE_RE,
    default_margin: q.defaultMargin,
    lead_window_days: q.leadWindowDays ?? 90,
    ...creditParams(q.attribution, q.timeZone),
  };
  for (const f of q.filters) p[`f_${f.dimension}`] = f.values;
  if (q.splitAt) p.split_at = q.splitAt;
  return p;
}

/** baseParams for a period alone (CREDITED's range, time zone, currency and model settings): no breakdown, filters or margin. */
export function periodParams(
  ws: string,
  q: Pick<KpiFactQuery, 'from' | 'to' | 'timeZone' | 'baseCurrency' | 'attribution'>,
): Record<string, unknown> {
  return baseParams(ws, {
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
    baseCurrency: q.baseCurrency,
    by: [],
    grain: null,
    filters: [],
    attribution: q.attribution,
    defaultMargin: null,
    undoneImports: [],
    campaignMappings: [],
    allRevenue: false,
  });
}

/**
 * Costs: the effective cost rows summed per date, currency and the asked dimensions first (exact
 * decimal sums), then converted at the rate of their date (0 when none is known: rates are always
 * > 0) — the rate join then sees a few rows per day instead of every cost line. Amounts without a
 * rate are left out of the sums and listed per date and currency with their number of lines.
 */
function costsQuery(q: KpiFactQuery): string {
  const dims = q.by.map((d) => `${COST_DIMS[d]} AS d_${d}`);
  const where = q.filters.map((f) => `${COST_DIMS[f.dimension]} IN {f_${f.dimension}:Array(String)}`);
  const keys = periodKeys(q, 'date');
  const period = keys.map((k) => `${k.expr},`).join(' ');
  const outerGroup = [...keys.map((k) => k.name), ...q.by.map((d) => `d_${d}`)];
  return `SELECT ${period} ${q.by.map((d) => `d_${d}`).join(', ')}${q.by.length ? ',' : ''}
      sumIf(toFloat64(amount) * fx, fx > 0) AS cost,
      sumIf(impressions, fx > 0) AS impressions, sumIf(clicks, fx > 0) AS clicks,
      sumIf(platform_conversions, fx > 0) AS platform_conversions,
      sumIf(toFloat64(platform_conversion_value) * fx, fx > 0) AS platform_conversion_value,
      groupArrayIf((cur, toString(date), toFloat64(amount), lines), fx = 0) AS unconverted
    FROM (
      SELECT i.*, if(i.cur = {base:String}, 1., r.rate) AS fx
      FROM (
        SELECT date, toString(currency) AS cur, ${dims.join(', ')}${dims.length ? ',' : ''}
          sum(amount) AS amount, sum(impressions) AS impressions, sum(clicks) AS clicks,
          sum(platform_conversions) AS platform_conversions,
          sum(platform_conversion_value) AS platform_conversion_value, count() AS lines
        FROM (${EFFECTIVE_COSTS})
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY date, cur${q.by.map((d) => `, d_${d}`).join('')}
      ) AS i
      ASOF LEFT JOIN (
        ${FX_RATES}
      ) AS r ON i.cur = r.currency AND i.date >= r.rate_date
    )
    ${outerGroup.length ? `GROUP BY ${outerGroup.join(', ')}` : ''}`;
}

/** The rollup's columns are named after the dimensions (conversion ones are not set for traffic). */
const TRAFFIC_DAILY_DIMS: Record<Dimension, string> = {
  ...(Object.fromEntries(Object.keys(TRAFFIC_DIMS).map((d) => [d, `toString(${d})`])) as Record<
    Dimension,
    string
  >),
  conversion_type: "''",
  customer_type: "''",
};

/**
 * Tracked traffic: settled days from the daily rollup (traffic-daily.ts), the recent days (and all
 * days before the rollup was built) from the touchpoints themselves.
 */
function trafficQuery(q: KpiFactQuery, settled: string | null): string {
  const raw = shape(q, TRAFFIC_DIMS, 'toDate(ts, {tz:String})');
  const rawSql = `SELECT ${raw.select}
      countIf(type = 'pageview' AND touch = 1) AS visits,
      countIf(type = 'add_to_cart') AS add_to_carts
    FROM touchpoints FINAL
    WHERE workspace_id = {ws:String} AND is_bot = 0 AND (touch = 1 OR type = 'add_to_cart')
      AND ts >= {raw_from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')} ${raw.where}
    ${raw.group}`;
  if (settled === null) return rawSql;
  const r = shape(q, TRAFFIC_DAILY_DIMS, 'day');
  const rollupSql = `SELECT ${r.select} sum(visits) AS visits, sum(add_to_carts) AS add_to_carts
    FROM traffic_daily
    WHERE workspace_id = {ws:String} AND time_zone = {tz:String} AND day >= {from:Date} AND day <= {settled:Date}
      AND (day, build) IN (
        SELECT day, build FROM traffic_daily_builds FINAL
        WHERE workspace_id = {ws:String} AND time_zone = {tz:String} AND day >= {from:Date} AND day <= {settled:Date})
      ${r.where}
    ${r.group}`;
  return `${rollupSql} UNION ALL ${rawSql}`;
}

/**
 * The conversions of the period in their current state joined to their stored credit (one row per
 * touch of the path, with its weight), the FX rate of their local day and their margin.
 */
export const CREDITED = `
  WITH ${CONVERSIONS_IN_RANGE},
  fxd AS (
    SELECT c.*, if(c.currency = {base:String}, 1., r.rate) AS fx,
      coalesce(c.margin, {default_margin:Nullable(Float64)}) AS m
    FROM convs AS c
    ASOF LEFT JOIN (
      ${FX_RATES}
    ) AS r ON c.currency = r.currency AND c.day >= r.rate_date
  )`;

/** Leads won (see KpiFactQuery.leadWindowDays): a CTE appended to CREDITED when asked for. */
const WON = `
  -- Leads whose person bought later, within the lead window: matched on any identifier the two
  -- share (customer id, hashed e-mail, visitor id), since a lead form and a checkout rarely carry
  -- the same ones.
  lead_ids AS (
    SELECT conversion_id, ts, arrayJoin(arrayFilter(x -> x != '',
      [concat('c:', customer_id), if(email_sha256 = '', '', concat('e:', email_sha256)),
       if(visitor_id = '', '', concat('v:', visitor_id))])) AS who
    FROM convs WHERE type = 'lead' AND counted AND (customer_id != '' OR email_sha256 != '' OR visitor_id != '')
  ),
  won AS (
    SELECT DISTINCT l.conversion_id AS conversion_id
    FROM lead_ids AS l
    INNER JOIN (
      SELECT ts, arrayJoin(arrayFilter(x -> x != '' AND x != 'c:',
        [concat('c:', customer_id), if(email_sha256 = '', '', concat('e:', email_sha256)),
         if(visitor_id = '', '', concat('v:', visitor_id))])) AS who
      FROM (
        SELECT * FROM conversions WHERE workspace_id = {ws:String} AND type = 'purchase'
          AND ts >= {from_ts:DateTime64(3, 'UTC')}
        ORDER BY version DESC LIMIT 1 BY conversion_id
      )
      WHERE status = 'completed' OR (status = 'refunded' AND refunded_value < value)
    ) AS p ON p.who = l.who
    WHERE l.who != 'c:' AND p.ts > l.ts AND p.ts <= l.ts + toIntervalDay({lead_window_days:UInt32})
  )`;

/**
 * Attributed conversions from the daily rollup (credit-daily.ts): sums over the newest build of
 * each day, FX applied at the rate of the day, the workspace's default margin applied to the
 * revenue whose conversions carry none.
 */
function dailyConversionsQuery(q: KpiFactQuery): string {
  // Inner: sums per day, currency and the asked dimensions over the current builds — an
  // aggregation the rollup's projection (migration 006) answers from far fewer rows. Outer: FX by
  // day and currency, then the report's periods.
  const dims = q.by.map((d) => `${DAILY_DIMS[d]} AS d_${d}`);
  const where = q.filters.map((f) => `${DAILY_DIMS[f.dimension]} IN {f_${f.dimension}:Array(String)}`);
  const keys = periodKeys(q, 'day');
  const period = keys.map((k) => `${k.expr},`).join(' ');
  const outerGroup = [...keys.map((k) => k.name), ...q.by.map((d) => `d_${d}`)];
  const allRevenue = q.allRevenue ? `sumIf(all_net * fx, fx > 0) AS all_revenue,` : '';
  return `SELECT ${period} ${q.by.map((d) => `d_${d}`).join(', ')}${q.by.length ? ',' : ''}
      sum(conversions) AS conversions, sum(leads) AS leads, sum(orders) AS orders,
      sum(signups) AS signups, sum(installs) AS installs,
      sumIf(net * fx, fx > 0) AS revenue,
      sumIf(order_net * fx, fx > 0) AS order_revenue,
      sumIf(margin_net * fx, fx > 0)
        + if(isNull({default_margin:Nullable(Float64)}), 0,
             sumIf(unmargined_net * fx, fx > 0) * assumeNotNull({default_margin:Nullable(Float64)})) AS gross_profit,
      if(isNull({default_margin:Nullable(Float64)}), sumIf(unmargined_net * fx, fx > 0), 0) AS unmargined_revenue,
      ${allRevenue}
      sum(new_customers) AS new_customers,
      0 AS stale,
      groupArrayIf((cur, toString(day), all_net, conversion_rows), fx = 0 AND all_net != 0) AS unconverted
    FROM (
      SELECT i.*, if(i.cur = {base:String}, 1., r.rate) AS fx
      FROM (
        SELECT day, toString(currency) AS cur, ${dims.join(', ')}${dims.length ? ',' : ''}
          sum(conversions) AS conversions, sum(leads) AS leads, sum(orders) AS orders,
          sum(signups) AS signups, sum(installs) AS installs, sum(new_customers) AS new_customers,
          sum(net) AS net, sum(order_net) AS order_net, sum(margin_net) AS margin_net,
          sum(unmargined_net) AS unmargined_net, sum(all_net) AS all_net, sum(conversion_rows) AS conversion_rows
        FROM credit_daily
        WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
          AND day >= {from:Date} AND day <= {to:Date}
          AND (day, build) IN (
            SELECT day, build FROM credit_daily_builds FINAL
            WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
              AND day >= {from:Date} AND day <= {to:Date})
          ${where.length ? `AND ${where.join(' AND ')}` : ''}
        GROUP BY day, cur${q.by.map((d) => `, d_${d}`).join('')}
      ) AS i
      ASOF LEFT JOIN (
        ${FX_RATES}
      ) AS r ON i.cur = r.currency AND i.day >= r.rate_date
    )
    ${outerGroup.length ? `GROUP BY ${outerGroup.join(', ')}` : ''}`;
}

function conversionsQuery(q: KpiFactQuery): string {
  const s = shape(q, CONVERSION_DIMS, 'day');
  const allRevenue = q.allRevenue ? `sumIf(net * fx, fx > 0 AND weight_index = 1) AS all_revenue,` : '';
  const won = q.leadsWon ? `, ${WON}` : '';
  return `${CREDITED}${won}
    SELECT ${s.select}
      sum(s.12 * counted) AS conversions,
      sum(s.12 * counted * (type = 'lead')) AS leads,
      sum(s.12 * counted * (type = 'lead') * lead_won) AS leads_won,
      sum(s.12 * counted * (type = 'purchase')) AS orders,
      sum(s.12 * counted * (type = 'signup')) AS signups,
      sum(s.12 * counted * (type = 'install')) AS installs,
      sumIf(s.12 * net * fx, fx > 0) AS revenue,
      sumIf(s.12 * net * fx, fx > 0 AND type = 'purchase') AS order_revenue,
      sumIf(s.12 * net * fx * m, fx > 0 AND isNotNull(m)) AS gross_profit,
      sumIf(s.12 * net * fx, fx > 0 AND isNull(m)) AS unmargined_revenue,
      ${allRevenue}
      sum(s.12 * counted * (type = 'purchase') * is_new) AS new_customers,
      countIf(length(steps) = 0) AS stale,
      groupArrayIf((toString(currency), toString(day), net), fx = 0 AND net != 0 AND weight_index <= 1) AS unconverted
    FROM (
      SELECT c.type AS type, c.currency AS currency, c.counted AS counted, c.net AS net, c.fx AS fx, c.m AS m, c.day AS day,
        if(isNotNull(c.new_customer), c.new_customer = 1, cr.is_new = 1) AS is_new,
        multiIf(ifNull(c.new_customer, 2) = 1, 'new', ifNull(c.new_customer, 2) = 0, 'returning',
                c.type = 'purchase', if(cr.is_new = 1, 'new', 'returning'), '') AS customer_type,
        ${q.leadsWon ? 'c.conversion_id IN (SELECT conversion_id FROM won)' : '0'} AS lead_won,
        cr.steps AS steps
      FROM fxd AS c
      -- A conversion without stored credit keeps its row (weight 0 everywhere) and is counted as stale.
      ANY LEFT JOIN (${CREDIT_IN_RANGE}) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
    )
    LEFT ARRAY JOIN steps AS s, arrayEnumerate(steps) AS weight_index
    WHERE 1 ${s.where}
    ${s.group}`;
}

const INPUT_COLUMNS = Object.keys(emptyInputs()) as (keyof KpiInputs)[];

/** See EventStore.kpiFacts. */
export async function kpiFacts(client: ClickHouseClient, ws: string, q: KpiFactQuery): Promise<KpiFacts> {
  const params = baseParams(ws, q);
  const want = new Set(q.streams ?? ['costs', 'traffic', 'conversions']);
  const run = (stream: string, sql: () => string) =>
    want.has(stream as 'costs') ? rows(client, sql(), params) : Promise.resolve([]);
  // Settled days of traffic come from the rollup (built here when missing), recent ones raw.
  const traffic = async () => {
    if (!want.has('traffic')) return [];
    const lastSettled = lastSettledDay(Date.now(), q.timeZone);
    const settled = lastSettled < q.to ? lastSettled : q.to;
    if (settled < q.from)
      return rows(client, trafficQuery(q, null), { ...params, raw_from_ts: params.from_ts });
    await ensureTrafficDaily(client, ws, q.timeZone, q.from, settled);
    const rawFrom = toClickHouseDateTime(zonedDayStart(nextDate(settled), q.timeZone));
    return rows(client, trafficQuery(q, settled), { ...params, settled, raw_from_ts: rawFrom });
  };
  const conversions = async () => {
    if (!want.has('conversions')) return [];
    if (!q.leadsWon) {
      // The daily rollup, brought up to date first (days with new or changed conversions).
      await ensureDailyCredit(client, q.attribution.model, params, q.from, q.to, q.timeZone);
      return rows(client, dailyConversionsQuery(q), params);
    }
    // Leads won look at later purchases, which no rollup of the day can hold: read the credit.
    const first = await rows(client, conversionsQuery(q), params);
    if (!first.some((r) => Number(r.stale) > 0)) return first;
    await refreshCredit(client, q.attribution.model, params);
    return rows(client, conversionsQuery(q), params);
  };
  const [costRows, trafficRows, conversionRows] = await Promise.all([
    run('costs', () => costsQuery(q)),
    traffic(),
    conversions(),
  ]);
  if (!q.splitAt) return merge(q, costRows, trafficRows, conversionRows);
  // Rows of days before `splitAt` answer the earlier range, the others the asked one.
  const side = (list: Record<string, unknown>[], before: boolean) =>
    list.filter((r) => (Number(r.before) === 1) === before);
  return {
    ...merge(q, side(costRows, false), side(trafficRows, false), side(conversionRows, false)),
    before: merge(q, side(costRows, true), side(trafficRows, true), side(conversionRows, true)),
  };
}

/** One set of facts from the streams' rows: inputs summed per period and dimension values. */
function merge(
  q: KpiFactQuery,
  costRows: Record<string, unknown>[],
  trafficRows: Record<string, unknown>[],
  conversionRows: Record<string, unknown>[],
): KpiFacts {
  const merged = new Map<string, KpiFactRow>();
  for (const r of [...costRows, ...trafficRows, ...conversionRows]) {
    const period = q.grain ? String(r.period) : null;
    const dims: Partial<Record<Dimension, string>> = {};
    for (const d of q.by) dims[d] = String(r[`d_${d}`] ?? '');
    const key = JSON.stringify([period, ...q.by.map((d) => dims[d])]);
    let row = merged.get(key);
    if (!row) {
      row = { period, dims, inputs: emptyInputs() };
      if (q.allRevenue) row.inputs.all_revenue = 0;
      merged.set(key, row);
    }
    for (const c of INPUT_COLUMNS) {
      if (r[c] === undefined) continue;
      const v = Number(r[c]);
      if (c === 'all_revenue') row.inputs.all_revenue = (row.inputs.all_revenue ?? 0) + v;
      else row.inputs[c] += v;
    }
  }
  return {
    rows: [...merged.values()],
    missing_rates: [...missingRates('cost', costRows), ...missingRates('revenue', conversionRows)],
  };
}

/** The amounts a stream left out for want of an FX rate, per currency. */
function missingRates(kind: 'cost' | 'revenue', list: Record<string, unknown>[]): KpiMissingRate[] {
  const by = new Map<string, KpiMissingRate>();
  for (const r of list)
    for (const [currency, date, amount, n] of (r.unconverted ?? []) as Array<
      [string, string, number, unknown?]
    >) {
      const m = by.get(currency) ?? { kind, currency, first_date: date, last_date: date, rows: 0, amount: 0 };
      m.rows += n === undefined ? 1 : Number(n);
      m.amount = Math.round((m.amount + Number(amount)) * 1e4) / 1e4;
      if (date < m.first_date) m.first_date = date;
      if (date > m.last_date) m.last_date = date;
      by.set(currency, m);
    }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
