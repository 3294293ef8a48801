import type { ClickHouseClient } from '@clickhouse/client';
import { emptyInputs, type KpiInputs } from '../../core/kpis.js';
import type { Grain } from '../../core/periods.js';
import type { Dimension } from '../../core/report-params.js';
import { nextDate, toClickHouseDateTime, zonedDayStart } from '../../core/time.js';
import type { KpiFactQuery, KpiFactRow, KpiFacts, KpiMissingRate } from '../ports.js';
import { EFFECTIVE_COSTS } from './costs.js';
import { IDENT_CTE, PATH_CTES, creditParams, stepsAndWeights } from './credit.js';

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
  channel: 's.4',
  source: 's.5',
  medium: 's.6',
  campaign: 's.7',
  ad_group: 's.8',
  ad: 's.9',
  partner: 's.10',
  landing_page: 's.11',
  device: 's.12',
  country: 's.13',
  conversion_type: 'toString(type)',
  customer_type: 'customer_type',
};

const PERIOD: Record<Grain, (d: string) => string> = {
  day: (d) => d,
  week: (d) => `toMonday(${d})`,
  month: (d) => `toStartOfMonth(${d})`,
  quarter: (d) => `toStartOfQuarter(${d})`,
};

/** SELECT list, WHERE and GROUP BY parts for a stream's dimension expressions. */
function shape(q: KpiFactQuery, dims: Record<Dimension, string>, day: string) {
  const select: string[] = [];
  const group: string[] = [];
  if (q.grain) {
    select.push(`toString(${PERIOD[q.grain](day)}) AS period`);
    group.push('period');
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

function baseParams(ws: string, q: KpiFactQuery): Record<string, unknown> {
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
    ...creditParams(q.attribution),
  };
  for (const f of q.filters) p[`f_${f.dimension}`] = f.values;
  return p;
}

/** Effective costs with the rate of their date (0 when none is known: rates are always > 0). */
const COSTS_FX = `
  SELECT c.*, if(c.currency = {base:String}, 1., r.rate) AS fx
  FROM (${EFFECTIVE_COSTS}) AS c
  ASOF LEFT JOIN (
    SELECT currency, date AS rate_date, toFloat64(rate) AS rate FROM fx_rates FINAL
    WHERE workspace_id = {ws:String}
  ) AS r ON c.currency = r.currency AND c.date >= r.rate_date`;

function costsQuery(q: KpiFactQuery): string {
  const s = shape(q, COST_DIMS, 'date');
  return `SELECT ${s.select}
      sum(toFloat64(amount) * fx) AS cost,
      sum(impressions) AS impressions, sum(clicks) AS clicks,
      sum(platform_conversions) AS platform_conversions,
      sum(toFloat64(platform_conversion_value) * fx) AS platform_conversion_value
    FROM (${COSTS_FX}) WHERE fx > 0 ${s.where} ${s.group}`;
}

function trafficQuery(q: KpiFactQuery): string {
  const s = shape(q, TRAFFIC_DIMS, 'toDate(ts, {tz:String})');
  return `SELECT ${s.select}
      countIf(type = 'pageview' AND touch = 1) AS visits,
      countIf(type = 'add_to_cart') AS add_to_carts
    FROM touchpoints FINAL
    WHERE workspace_id = {ws:String} AND is_bot = 0 AND (touch = 1 OR type = 'add_to_cart')
      AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')} ${s.where}
    ${s.group}`;
}

/**
 * The conversions of the period in their current state (an update may have moved one out of it),
 * with what the KPIs need: counted (completed, or refunded only in part), net value after refunds,
 * the FX rate of its local day, its margin, whether it is a first purchase, and its person (the
 * customer id, the customer its visitor is linked to, or the visitor) for path building.
 */
const CONVERSION_CTES = `
  ${IDENT_CTE},
  cur AS (
    SELECT * FROM conversions
    WHERE workspace_id = {ws:String} AND conversion_id IN (
      SELECT conversion_id FROM conversions WHERE workspace_id = {ws:String}
        AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')})
    ORDER BY version DESC LIMIT 1 BY conversion_id
  ),
  firsts AS (
    SELECT buyer, min(ts) AS first_ts FROM (
      SELECT multiIf(customer_id != '', concat('c:', customer_id), email_sha256 != '', concat('e:', email_sha256),
                     visitor_id != '', concat('v:', visitor_id), concat('x:', conversion_id)) AS buyer,
        ts, status, value, refunded_value
      FROM conversions WHERE workspace_id = {ws:String} AND type = 'purchase'
      ORDER BY version DESC LIMIT 1 BY conversion_id
    ) WHERE status = 'completed' OR (status = 'refunded' AND refunded_value < value)
    GROUP BY buyer
  ),
  conv0 AS (
    SELECT c.conversion_id AS conversion_id, c.type AS type, c.currency AS currency,
      c.margin AS margin, c.new_customer AS new_customer, c.ts AS ts,
      toUnixTimestamp64Milli(c.ts) AS c_ms, toDate(c.ts, {tz:String}) AS day,
      c.status = 'completed' OR (c.status = 'refunded' AND c.refunded_value < c.value) AS counted,
      if(counted, toFloat64(c.value - c.refunded_value), 0.) AS net,
      multiIf(c.customer_id != '', c.customer_id, i.customer_id != '', i.customer_id,
              c.visitor_id != '', c.visitor_id, concat('conversion:', c.conversion_id)) AS person,
      multiIf(c.customer_id != '', concat('c:', c.customer_id), c.email_sha256 != '', concat('e:', c.email_sha256),
              c.visitor_id != '', concat('v:', c.visitor_id), concat('x:', c.conversion_id)) AS buyer
    FROM cur AS c LEFT JOIN ident AS i ON i.visitor_id = c.visitor_id
    WHERE c.ts >= {from_ts:DateTime64(3, 'UTC')} AND c.ts < {to_ts:DateTime64(3, 'UTC')}
  ),
  conv AS (
    SELECT c.conversion_id AS conversion_id, c.type AS type, c.currency AS currency, c.c_ms AS c_ms,
      c.day AS day, c.counted AS counted, c.net AS net, c.person AS person,
      if(c.currency = {base:String}, 1., r.rate) AS fx,
      coalesce(c.margin, {default_margin:Nullable(Float64)}) AS m,
      if(isNotNull(c.new_customer), c.new_customer = 1,
         c.type = 'purchase' AND counted AND f.first_ts = c.ts) AS is_new,
      multiIf(ifNull(c.new_customer, 2) = 1, 'new', ifNull(c.new_customer, 2) = 0, 'returning',
              c.type = 'purchase', if(is_new, 'new', 'returning'), '') AS customer_type
    FROM conv0 AS c
    LEFT JOIN firsts AS f ON f.buyer = c.buyer
    ASOF LEFT JOIN (
      SELECT currency, date AS rate_date, toFloat64(rate) AS rate FROM fx_rates FINAL
      WHERE workspace_id = {ws:String}
    ) AS r ON c.currency = r.currency AND c.day >= r.rate_date
  )`;

function conversionsQuery(q: KpiFactQuery): string {
  const s = shape(q, CONVERSION_DIMS, 'day');
  const allRevenue = q.allRevenue ? `sumIf(net * fx, fx > 0 AND weight_index = 1) AS all_revenue,` : '';
  return `WITH ${CONVERSION_CTES}, ${PATH_CTES}
    SELECT ${s.select}
      sum(w * counted) AS conversions,
      sum(w * counted * (type = 'lead')) AS leads,
      sum(w * counted * (type = 'purchase')) AS orders,
      sum(w * counted * (type = 'signup')) AS signups,
      sum(w * counted * (type = 'install')) AS installs,
      sumIf(w * net * fx, fx > 0) AS revenue,
      sumIf(w * net * fx, fx > 0 AND type = 'purchase') AS order_revenue,
      sumIf(w * net * fx * m, fx > 0 AND isNotNull(m)) AS gross_profit,
      sumIf(w * net * fx, fx > 0 AND isNull(m)) AS unmargined_revenue,
      ${allRevenue}
      sum(w * counted * (type = 'purchase') * is_new) AS new_customers
    FROM (
      SELECT c.*, ${stepsAndWeights(q.attribution.model)}
      FROM paths AS pa INNER JOIN conv AS c ON c.conversion_id = pa.conversion_id
    )
    ARRAY JOIN steps AS s, weights AS w, arrayEnumerate(steps) AS weight_index
    WHERE 1 ${s.where}
    ${s.group}`;
}

/** Conversion revenue in currencies with no rate on or before its day: left out, reported. */
function missingRevenueRatesQuery(): string {
  return `WITH ${CONVERSION_CTES}
    SELECT currency, toString(min(day)) AS first_date, toString(max(day)) AS last_date,
      count() AS rows, sum(net) AS amount
    FROM conv WHERE fx = 0 AND net != 0 GROUP BY currency ORDER BY currency`;
}

function missingCostRatesQuery(): string {
  return `SELECT currency, toString(min(date)) AS first_date, toString(max(date)) AS last_date,
      count() AS rows, sum(toFloat64(amount)) AS amount
    FROM (${COSTS_FX}) WHERE fx = 0 GROUP BY currency ORDER BY currency`;
}

async function rows(client: ClickHouseClient, query: string, params: Record<string, unknown>) {
  const rs = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return rs.json<Record<string, unknown>>();
}

const INPUT_COLUMNS = Object.keys(emptyInputs()) as (keyof KpiInputs)[];

/** See EventStore.kpiFacts. */
export async function kpiFacts(client: ClickHouseClient, ws: string, q: KpiFactQuery): Promise<KpiFacts> {
  const params = baseParams(ws, q);
  const [costRows, trafficRows, conversionRows, missingCost, missingRevenue] = await Promise.all([
    rows(client, costsQuery(q), params),
    rows(client, trafficQuery(q), params),
    rows(client, conversionsQuery(q), params),
    rows(client, missingCostRatesQuery(), params),
    rows(client, missingRevenueRatesQuery(), params),
  ]);
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
  const missing = (kind: 'cost' | 'revenue', list: Record<string, unknown>[]): KpiMissingRate[] =>
    list.map((r) => ({
      kind,
      currency: String(r.currency),
      first_date: String(r.first_date),
      last_date: String(r.last_date),
      rows: Number(r.rows),
      amount: Number(r.amount),
    }));
  return {
    rows: [...merged.values()],
    missing_rates: [...missing('cost', missingCost), ...missing('revenue', missingRevenue)],
  };
}
