/**
 * SQL fragments that say who a person is and which touches are marketing contacts, shared by every
 * query that builds paths (stored credit, journeys, cohorts): visitor ids are stitched through
 * customer ids (PRODUCT.md, "Attribution").
 */

/** CTE `ident`: each visitor's customer (the smallest when a visitor logged in as several). */
export const IDENT_CTE = `
  ident AS (
    SELECT visitor_id, min(customer_id) AS customer_id FROM identities
    WHERE workspace_id = {ws:String} GROUP BY visitor_id
  )`;

/**
 * A conversion's person over `c` (a conversion) LEFT JOIN `i` (ident): its customer id, else the
 * customer its visitor is linked to, else its visitor, else the conversion alone.
 */
export const CONVERSION_PERSON = `multiIf(c.customer_id != '', c.customer_id, i.customer_id != '', i.customer_id,
  c.visitor_id != '', c.visitor_id, concat('conversion:', c.conversion_id))`;

/** A touch's person over `t` (a touchpoint) LEFT JOIN `i` (ident), as CONVERSION_PERSON. */
export const TOUCH_PERSON = `if(t.customer_id != '', t.customer_id, if(i.customer_id != '', i.customer_id, t.visitor_id))`;

/**
 * `t` LEFT JOIN `i`: the marketing touches (PRODUCT.md, "Touchpoints": landing pageviews, link
 * clicks, impressions; no bots, no add-to-cart) from the DateTime64 parameter `since` up to `to_ts`.
 */
export function marketingTouches(since: 'tp_from' | 'from_ts'): string {
  return `(
    SELECT * FROM touchpoints FINAL
    WHERE workspace_id = {ws:String} AND touch = 1 AND is_bot = 0 AND type != 'add_to_cart'
      AND ts >= {${since}:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
  ) AS t LEFT JOIN ident AS i ON i.visitor_id = t.visitor_id`;
}
