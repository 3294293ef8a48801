import type { ClickHouseClient } from '@clickhouse/client';
import type { KpiModel, ModelSettings } from '../../core/report-params.js';
import { CONVERSION_PERSON, IDENT_CTE, marketingTouches, TOUCH_PERSON } from './person-sql.js';
import { oneAtATime } from './rollup-watermarks.js';

/**
 * Rule-based attribution inside the engine (DESIGN.md, "credit is computed where the rows are"):
 * each conversion's path is built from the touchpoints of the same person, every touch gets a
 * weight under a model, and the result is stored in `conversion_credit` (migration 003) so that
 * reports read it instead of joining 10M touchpoints per query. A conversion with no touch in its
 * lookback window is credited to `Direct` (PRODUCT.md).
 *
 * Every value is a bound parameter; the only text spliced in is chosen from the fixed strings
 * below by an allow-listed model name.
 */

/** The model with every setting that changes the weights or the local day: one credit set each. */
export function modelKey(s: ModelSettings, timeZone: string): string {
  const parts = [
    s.model,
    `tz=${timeZone}`,
    `click=${s.click_lookback_days}`,
    `view=${s.view_lookback_days}`,
    `max=${s.max_path_length}`,
  ];
  if (s.model === 'time_decay') parts.push(`half_life=${s.half_life_days}`);
  if (s.model === 'position_based') parts.push(`first=${s.first_share}`, `last=${s.last_share}`);
  return parts.join('|');
}

/** Query parameters the fragments below use. */
export function creditParams(s: ModelSettings, timeZone: string): Record<string, unknown> {
  return {
    click_lookback_ms: s.click_lookback_days * 86_400_000,
    view_lookback_ms: s.view_lookback_days * 86_400_000,
    max_path: s.max_path_length,
    half_life_ms: s.half_life_days * 86_400_000,
    first_share: s.first_share,
    last_share: s.last_share,
    model_key: modelKey(s, timeZone),
  };
}

/**
 * CTEs `cur` and `convs`: the conversions whose current state falls in [from_ts, to_ts) (an update
 * may have moved one out of it, so the newest version is taken first), with `c_ms`, the local
 * `day`, `counted` (completed, or refunded only in part) and `net` (value after refunds).
 */
export const CONVERSIONS_IN_RANGE = `
  cur AS (
    SELECT conversion_id, type, status, ts, value, refunded_value, currency, margin, new_customer,
      customer_id, visitor_id, email_sha256
    FROM conversions
    WHERE workspace_id = {ws:String} AND conversion_id IN (
      SELECT conversion_id FROM conversions WHERE workspace_id = {ws:String}
        AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')})
    ORDER BY version DESC LIMIT 1 BY conversion_id
  ),
  convs AS (
    SELECT *, toUnixTimestamp64Milli(ts) AS c_ms, toDate(ts, {tz:String}) AS day,
      status = 'completed' OR (status = 'refunded' AND refunded_value < value) AS counted,
      if(counted, toFloat64(value - refunded_value), 0.) AS net
    FROM cur WHERE ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
  )`;

/** The stored credit of the model for conversions in range (any one row per conversion and time). */
export const CREDIT_IN_RANGE = `
  SELECT conversion_id, c_ms, is_new, steps FROM conversion_credit
  WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
    AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
    AND c_ms < toUnixTimestamp64Milli({to_ts:DateTime64(3, 'UTC')})`;

/**
 * Fields of a path step, in the tuple's order: 1 ms, 2 event_id, 3 type, 4 channel, 5 source,
 * 6 medium, 7 campaign, 8 ad_group (utm_term), 9 ad (utm_content), 10 partner, 11 landing_page,
 * 12 device, 13 country.
 */
const DIRECT_STEP = `(c_ms, '', 'direct', 'Direct', '(direct)', '(none)', '', '', '', '', '', '', '')`;

/**
 * The stale conversions (no stored credit for their time under this model) with their person —
 * the customer id, else the customer their visitor is linked to, else the visitor — and buyer key,
 * then `firsts`, `tp` (the touches of those persons) and `paths` (each conversion's touches within
 * the lookback windows up to it, oldest first, the most recent `max_path`).
 */
const refreshCtes = (complete: string) => `
  ${CONVERSIONS_IN_RANGE},
  ${IDENT_CTE},
  conv AS (
    SELECT c.conversion_id AS conversion_id, c.c_ms AS c_ms, c.ts AS ts, c.type AS type, c.counted AS counted,
      ${CONVERSION_PERSON} AS person,
      multiIf(c.customer_id != '', concat('c:', c.customer_id), c.email_sha256 != '', concat('e:', c.email_sha256),
              c.visitor_id != '', concat('v:', c.visitor_id), concat('x:', c.conversion_id)) AS buyer
    FROM convs AS c LEFT JOIN ident AS i ON i.visitor_id = c.visitor_id
    WHERE (c.conversion_id, c.c_ms) NOT IN (${complete})
  ),
  firsts AS (
    SELECT buyer, min(ts) AS first_ts FROM (
      SELECT multiIf(customer_id != '', concat('c:', customer_id), email_sha256 != '', concat('e:', email_sha256),
                     visitor_id != '', concat('v:', visitor_id), concat('x:', conversion_id)) AS buyer,
        ts, status, value, refunded_value
      FROM conversions WHERE workspace_id = {ws:String} AND type = 'purchase'
      ORDER BY version DESC LIMIT 1 BY conversion_id
    ) WHERE (status = 'completed' OR (status = 'refunded' AND refunded_value < value))
      AND buyer IN (SELECT buyer FROM conv)
    GROUP BY buyer
  ),
  tp AS (
    SELECT * FROM (
      SELECT ${TOUCH_PERSON} AS person,
        toUnixTimestamp64Milli(t.ts) AS t_ms, t.event_id, toString(t.type) AS t_type,
        toString(t.channel) AS t_channel, toString(t.source) AS t_source, toString(t.medium) AS t_medium,
        toString(t.utm_campaign) AS t_campaign, t.utm_term AS t_ad_group, toString(t.utm_content) AS t_ad,
        toString(t.partner) AS t_partner, t.path AS t_path, toString(t.device) AS t_device,
        toString(t.country) AS t_country
      FROM ${marketingTouches('tp_from')}
    ) WHERE person IN (SELECT person FROM conv)
  ),
  paths AS (
    SELECT c.conversion_id AS conversion_id, any(c.c_ms) AS c_ms,
      any(c.type = 'purchase' AND c.counted AND f.first_ts = c.ts) AS is_new,
      arraySort(x -> (x.1, x.2), groupArrayIf(
        (tp.t_ms, tp.event_id, tp.t_type, tp.t_channel, tp.t_source, tp.t_medium, tp.t_campaign,
         tp.t_ad_group, tp.t_ad, tp.t_partner, tp.t_path, tp.t_device, tp.t_country),
        tp.t_ms <= c.c_ms AND tp.t_ms > 0
          AND tp.t_ms >= c.c_ms - if(tp.t_type = 'impression', {view_lookback_ms:Int64}, {click_lookback_ms:Int64})
      )) AS all_steps,
      arraySlice(all_steps, -{max_path:UInt32}) AS p
    FROM conv AS c
    LEFT JOIN firsts AS f ON f.buyer = c.buyer
    LEFT JOIN tp ON tp.person = c.person
    GROUP BY c.conversion_id
  )`;

/**
 * The expressions over `paths` that give `steps` (the path, or the Direct step when empty) and
 * `weights` (one per step, summing to 1) under a model.
 *
 * - last_click / first_click: all credit to the last / first touch.
 * - last_non_direct: to the last touch whose channel is not Direct; Direct only when all are.
 * - linear: 1/n each.
 * - position_based: first `f`, last `l`, the middle ones share 1 − f − l equally; two touches
 *   split f : l (50/50 with the defaults); one touch gets everything.
 * - time_decay: w_i ∝ 2^(−(t_conversion − t_i) / half-life).
 */
function weightsOf(model: KpiModel): string {
  const idx = `arrayEnumerate(steps)`;
  const w: Record<KpiModel, string> = {
    last_click: `arrayMap(i -> toFloat64(i = n), ${idx})`,
    first_click: `arrayMap(i -> toFloat64(i = 1), ${idx})`,
    last_non_direct: `arrayMap(i -> toFloat64(i = if(arrayLastIndex(x -> x.4 != 'Direct', steps) = 0, n,
                        arrayLastIndex(x -> x.4 != 'Direct', steps))), ${idx})`,
    linear: `arrayMap(i -> 1 / n, ${idx})`,
    position_based: `arrayMap(i -> toFloat64(multiIf(
                        n = 1, 1.,
                        n = 2, if({first_share:Float64} + {last_share:Float64} = 0, 0.5,
                                  if(i = 1, {first_share:Float64}, {last_share:Float64})
                                  / ({first_share:Float64} + {last_share:Float64})),
                        i = 1, {first_share:Float64},
                        i = n, {last_share:Float64},
                        (1 - {first_share:Float64} - {last_share:Float64}) / (n - 2))), ${idx})`,
    time_decay: `arrayMap(r -> r / arraySum(arrayMap(x -> pow(2, -(c_ms - x.1) / {half_life_ms:Float64}), steps)),
                   arrayMap(x -> pow(2, -(c_ms - x.1) / {half_life_ms:Float64}), steps))`,
  };
  return w[model];
}

/**
 * Compute and store the credit of the conversions in [from_ts, to_ts) that lack it under any of
 * the given models (new conversions, or a changed timestamp), every model from one build of the
 * paths. `params` holds the range and settings; each model's key is its `modelKey` under the same
 * settings (`keys`). Cheap when nothing is stale: one count. Touches that arrive after a
 * conversion was credited do not change its stored credit.
 */
export function refreshCreditMany(
  client: ClickHouseClient,
  models: ReadonlyArray<{ model: KpiModel; key: string }>,
  params: Record<string, unknown>,
): Promise<number> {
  // One refresh at a time per workspace: two concurrent first reports would both see the same
  // conversions as stale and store their credit twice (readers join every stored row).
  return oneAtATime(refreshing, String(params.ws), () => refreshNow(client, models, params));
}

const refreshing = new Map<string, Promise<unknown>>();

async function refreshNow(
  client: ClickHouseClient,
  models: ReadonlyArray<{ model: KpiModel; key: string }>,
  params: Record<string, unknown>,
): Promise<number> {
  if (models.length === 0) return 0;
  const p: Record<string, unknown> = {
    ...params,
    model_keys: models.map((m) => m.key),
    n_keys: models.length,
  };
  models.forEach((m, i) => (p[`mk_${i}`] = m.key));
  // Conversions credited under every asked model; the others are stale.
  const complete = `SELECT conversion_id, c_ms FROM conversion_credit
    WHERE workspace_id = {ws:String} AND model_key IN {model_keys:Array(String)}
      AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
      AND c_ms < toUnixTimestamp64Milli({to_ts:DateTime64(3, 'UTC')})
    GROUP BY conversion_id, c_ms HAVING uniqExact(model_key) = {n_keys:UInt32}`;
  const rs = await client.query({
    query: `WITH ${CONVERSIONS_IN_RANGE}
      SELECT count() AS stale FROM convs WHERE (conversion_id, c_ms) NOT IN (${complete})`,
    query_params: p,
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ stale: string }>();
  const stale = Number(row?.stale ?? 0);
  if (stale === 0) return 0;
  const perModel = models.map((m, i) => `({mk_${i}:String}, ${weightsOf(m.model)})`).join(',\n');
  await client.command({
    query: `INSERT INTO conversion_credit (workspace_id, model_key, conversion_id, c_ms, computed_at, is_new, steps)
      WITH ${refreshCtes(complete)}
      SELECT {ws:String}, mk.1, conversion_id, c_ms, now64(3), is_new,
        arrayMap((x, w) -> (x.4, x.5, x.6, x.7, x.8, x.9, x.10, x.11, x.12, x.13, x.1, w), steps, mk.2)
      FROM (
        SELECT conversion_id, c_ms, is_new, steps, [${perModel}] AS per_model
        FROM (SELECT conversion_id, c_ms, is_new, if(length(p) = 0, [${DIRECT_STEP}], p) AS steps,
                length(steps) AS n FROM paths)
      )
      ARRAY JOIN per_model AS mk
      -- A conversion is stale when any asked model lacks it: store only the models it lacks, or a
      -- model credited earlier (by a one-model report) would count twice.
      WHERE (conversion_id, c_ms, mk.1) NOT IN (
        SELECT conversion_id, c_ms, model_key FROM conversion_credit
        WHERE workspace_id = {ws:String} AND model_key IN {model_keys:Array(String)}
          AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
          AND c_ms < toUnixTimestamp64Milli({to_ts:DateTime64(3, 'UTC')}))`,
    query_params: p,
  });
  return stale;
}

/** refreshCreditMany for the one model whose key is `params.model_key`. */
export function refreshCredit(
  client: ClickHouseClient,
  model: KpiModel,
  params: Record<string, unknown>,
): Promise<number> {
  return refreshCreditMany(client, [{ model, key: String(params.model_key) }], params);
}
