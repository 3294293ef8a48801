import type { KpiModel, ModelSettings } from '../../core/report-params.js';

/**
 * Rule-based attribution inside the engine (DESIGN.md, "credit is computed where the rows are"):
 * SQL fragments that build each conversion's path from the touchpoints of the same person and
 * give every touch of it a weight under a model. The weights of one conversion sum to 1; a
 * conversion with no touch in its lookback window is credited to `Direct` (PRODUCT.md).
 *
 * Every value is a bound parameter; the only text spliced in is chosen from the fixed strings
 * below by an allow-listed model name.
 */

/**
 * Fields of a path step, in the tuple's order: 1 ms, 2 event_id, 3 type, 4 channel, 5 source,
 * 6 medium, 7 campaign, 8 ad_group (utm_term), 9 ad (utm_content), 10 partner, 11 landing_page,
 * 12 device, 13 country.
 */
export const STEP = {
  ms: 1,
  channel: 4,
  source: 5,
  medium: 6,
  campaign: 7,
  ad_group: 8,
  ad: 9,
  partner: 10,
  landing_page: 11,
  device: 12,
  country: 13,
} as const;

/** The path step of a conversion that no touch explains. */
const DIRECT_STEP = `(c_ms, '', 'direct', 'Direct', '(direct)', '(none)', '', '', '', '', '', '', '')`;

/** Query parameters the fragments below use. */
export function creditParams(s: ModelSettings): Record<string, number> {
  return {
    click_lookback_ms: s.click_lookback_days * 86_400_000,
    view_lookback_ms: s.view_lookback_days * 86_400_000,
    max_path: s.max_path_length,
    half_life_ms: s.half_life_days * 86_400_000,
    first_share: s.first_share,
    last_share: s.last_share,
  };
}

/** CTE `ident`: the customer each visitor id is linked to (stitching visitors across devices). */
export const IDENT_CTE = `
  ident AS (
    SELECT visitor_id, min(customer_id) AS customer_id FROM identities
    WHERE workspace_id = {ws:String} GROUP BY visitor_id
  )`;

/**
 * CTEs `tp` (touches with their person; needs `ident`) and `paths` (one row per
 * conversion of the caller's CTE `conv`, which must give `conversion_id`, `person` and `c_ms`):
 * `p` holds the touches of the person within the lookback windows up to the conversion, oldest
 * first, the most recent `max_path` of them. `{tp_from}` bounds the touchpoints read.
 */
export const PATH_CTES = `
  tp AS (
    SELECT if(t.customer_id != '', t.customer_id, if(i.customer_id != '', i.customer_id, t.visitor_id)) AS person,
      toUnixTimestamp64Milli(t.ts) AS t_ms, t.event_id, toString(t.type) AS t_type,
      toString(t.channel) AS t_channel, toString(t.source) AS t_source, toString(t.medium) AS t_medium,
      toString(t.utm_campaign) AS t_campaign, t.utm_term AS t_ad_group, toString(t.utm_content) AS t_ad,
      toString(t.partner) AS t_partner, t.path AS t_path, toString(t.device) AS t_device,
      toString(t.country) AS t_country
    FROM (
      SELECT * FROM touchpoints FINAL
      WHERE workspace_id = {ws:String} AND touch = 1 AND is_bot = 0 AND type != 'add_to_cart'
        AND ts >= {tp_from:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
    ) AS t
    LEFT JOIN ident AS i ON i.visitor_id = t.visitor_id
  ),
  paths AS (
    SELECT c.conversion_id AS conversion_id,
      any(c.c_ms) AS c_ms,
      arraySort(x -> (x.1, x.2), groupArrayIf(
        (tp.t_ms, tp.event_id, tp.t_type, tp.t_channel, tp.t_source, tp.t_medium, tp.t_campaign,
         tp.t_ad_group, tp.t_ad, tp.t_partner, tp.t_path, tp.t_device, tp.t_country),
        tp.t_ms <= c.c_ms AND tp.t_ms > 0
          AND tp.t_ms >= c.c_ms - if(tp.t_type = 'impression', {view_lookback_ms:Int64}, {click_lookback_ms:Int64})
      )) AS all_steps,
      arraySlice(all_steps, -{max_path:UInt32}) AS p
    FROM conv AS c LEFT JOIN tp ON tp.person = c.person
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
export function stepsAndWeights(model: KpiModel): string {
  const steps = `if(length(p) = 0, [${DIRECT_STEP}], p) AS steps, length(steps) AS n`;
  const idx = `arrayEnumerate(steps)`;
  const w: Record<KpiModel, string> = {
    last_click: `arrayMap(i -> toFloat64(i = n), ${idx})`,
    first_click: `arrayMap(i -> toFloat64(i = 1), ${idx})`,
    last_non_direct: `arrayMap(i -> toFloat64(i = if(arrayLastIndex(x -> x.4 != 'Direct', steps) = 0, n,
                        arrayLastIndex(x -> x.4 != 'Direct', steps))), ${idx})`,
    linear: `arrayMap(i -> 1 / n, ${idx})`,
    position_based: `arrayMap(i -> multiIf(
                        n = 1, 1.,
                        n = 2, if({first_share:Float64} + {last_share:Float64} = 0, 0.5,
                                  if(i = 1, {first_share:Float64}, {last_share:Float64})
                                  / ({first_share:Float64} + {last_share:Float64})),
                        i = 1, {first_share:Float64},
                        i = n, {last_share:Float64},
                        (1 - {first_share:Float64} - {last_share:Float64}) / (n - 2)), ${idx})`,
    time_decay: `arrayMap(r -> r / arraySum(arrayMap(x -> pow(2, -(c_ms - x.1) / {half_life_ms:Float64}), steps)),
                   arrayMap(x -> pow(2, -(c_ms - x.1) / {half_life_ms:Float64}), steps))`,
  };
  return `${steps}, ${w[model]} AS weights`;
}
