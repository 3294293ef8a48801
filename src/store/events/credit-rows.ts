import type { ClickHouseClient } from '@clickhouse/client';
import type { ConversionCredit, CreditRowsQuery } from '../ports.js';
import { CREDIT_IN_RANGE, refreshCredit } from './credit.js';
import { CREDITED, periodParams } from './kpis.js';

/**
 * The stored credit of a rule-based model, one conversion at a time in time order (computed first
 * for the conversions that lack it): what `GET /v1/export/credit` streams and partners' commissions
 * read. A conversion with no touchpoint has the Direct step at its own time, with no landing page.
 */
export async function* creditRows(
  client: ClickHouseClient,
  ws: string,
  q: CreditRowsQuery,
): AsyncIterable<ConversionCredit> {
  const params = periodParams(ws, q);
  await refreshCredit(client, q.attribution.model, params);
  const rs = await client.query({
    query: `${CREDITED}
      SELECT c.conversion_id AS id, c.c_ms AS c_ms, toString(c.type) AS type, toString(c.status) AS status,
        c.counted AS counted, if(c.fx > 0, c.net * c.fx, NULL) AS value, toString(c.currency) AS currency,
        length(cr.steps) = 1 AND cr.steps[1].1 = 'Direct' AND cr.steps[1].8 = '' AND cr.steps[1].11 = c.c_ms AS no_touch,
        cr.steps AS steps
      FROM fxd AS c
      ANY INNER JOIN (${CREDIT_IN_RANGE}) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
      ORDER BY c.c_ms, c.conversion_id`,
    query_params: params,
    format: 'JSONCompactEachRow',
  });
  for await (const batch of rs.stream<unknown[]>()) {
    for (const line of batch) {
      const [id, cMs, type, status, counted, value, currency, noTouch, steps] = line.json();
      yield {
        conversion_id: String(id),
        ts: Number(cMs),
        type: String(type),
        status: String(status),
        counted: Number(counted) === 1,
        value: value === null ? null : Number(value),
        currency: String(currency),
        // Step fields (credit.ts): channel, source, medium, campaign, ad group, ad, partner,
        // landing page, device, country, ms, weight.
        steps: (steps as unknown[][]).map((s) => ({
          ts: Number(noTouch) === 1 ? null : Number(s[10]),
          channel: String(s[0]),
          source: String(s[1]),
          medium: String(s[2]),
          campaign: String(s[3]),
          ad_group: String(s[4]),
          ad: String(s[5]),
          partner: String(s[6]),
          landing_page: String(s[7]),
          device: String(s[8]),
          country: String(s[9]),
          weight: Number(s[11]),
        })),
      };
    }
  }
}
