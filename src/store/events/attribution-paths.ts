import type { ClickHouseClient } from '@clickhouse/client';
import type { AttributionPathQuery, AttributionPaths } from '../ports.js';
import type { KpiModel } from '../../core/report-params.js';
import { creditParams, CREDIT_IN_RANGE, modelKey, refreshCredit } from './credit.js';
import { baseParams, CREDITED } from './kpis.js';

/** Position of a label in a stored credit step (credit.ts): channel, source, medium, campaign, …, partner. */
const STEP_INDEX = { channel: 1, source: 2, medium: 3, campaign: 4, partner: 7 } as const;

/** Upper bounds of the time-to-conversion buckets in days (reports.ts TIME_BUCKETS: < 1, 1–3, 4–7, 8–14, 15–30, > 30). */
const BUCKET_DAYS = [1, 4, 8, 15, 31];

/** The KPI queries' parameters for a period (CREDITED's range, time zone and currency). */
function rangeParams(ws: string, q: AttributionPathQuery): Record<string, unknown> {
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
 * The journeys the data-driven models fit on, from the store: per distinct sequence of labels the
 * counted conversions and their value in the base currency (each conversion's full path, as the
 * linear model's stored credit holds it), and the persons who touched in the period without
 * converting in it (their touches in time order, capped like paths). Plus conversions and value by
 * time from the first touch to the conversion.
 */
export async function attributionPaths(
  client: ClickHouseClient,
  ws: string,
  q: AttributionPathQuery,
): Promise<AttributionPaths> {
  const settings = { ...q.attribution, model: 'linear' as const };
  const params = {
    ...rangeParams(ws, { ...q, attribution: settings }),
    ...creditParams(settings, q.timeZone),
    buckets: BUCKET_DAYS.map((d) => d * 86_400_000),
  };
  await refreshCredit(client, 'linear', params);
  const idx = STEP_INDEX[q.by];
  const converting = `${CREDITED}
    SELECT arrayMap(s -> s.${idx}, cr.steps) AS labels, count() AS conversions, sumIf(c.net * c.fx, c.fx > 0) AS value
    FROM fxd AS c
    ANY INNER JOIN (${CREDIT_IN_RANGE}) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
    WHERE c.counted
    GROUP BY labels`;
  // Bucket 0: no touchpoint (the Direct step credit.ts puts at the conversion, with no landing page);
  // 1 + the number of bucket bounds the lag from the first touch reaches.
  const timingSql = `${CREDITED}
    SELECT bucket, count() AS conversions, sum(v) AS value FROM (
      SELECT if(c.fx > 0, c.net * c.fx, 0) AS v,
        if(length(cr.steps) = 1 AND cr.steps[1].1 = 'Direct' AND cr.steps[1].8 = '' AND cr.steps[1].11 = c.c_ms, 0,
           1 + arrayCount(b -> (c.c_ms - cr.steps[1].11) >= b, {buckets:Array(Int64)})) AS bucket
      FROM fxd AS c
      ANY INNER JOIN (${CREDIT_IN_RANGE}) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
      WHERE c.counted
    ) GROUP BY bucket ORDER BY bucket`;
  const nonConverting = `
    WITH
    ident AS (
      SELECT visitor_id, min(customer_id) AS customer_id FROM identities
      WHERE workspace_id = {ws:String} GROUP BY visitor_id
    ),
    converters AS (
      SELECT DISTINCT multiIf(c.customer_id != '', c.customer_id, i.customer_id != '', i.customer_id, c.visitor_id) AS person
      FROM (
        SELECT * FROM conversions WHERE workspace_id = {ws:String}
          AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
      ) AS c LEFT JOIN ident AS i ON i.visitor_id = c.visitor_id
    )
    SELECT labels, count() AS nulls FROM (
      SELECT person, arraySlice(arrayMap(x -> x.2, arraySort(x -> x.1, groupArray((t_ms, label)))), -{max_path:UInt32}) AS labels
      FROM (
        SELECT if(t.customer_id != '', t.customer_id, if(i.customer_id != '', i.customer_id, t.visitor_id)) AS person,
          toUnixTimestamp64Milli(t.ts) AS t_ms,
          [toString(t.channel), toString(t.source), toString(t.medium), toString(t.utm_campaign), '', '', toString(t.partner)][${idx}] AS label
        FROM (
          SELECT * FROM touchpoints FINAL
          WHERE workspace_id = {ws:String} AND touch = 1 AND is_bot = 0 AND type != 'add_to_cart'
            AND ts >= {from_ts:DateTime64(3, 'UTC')} AND ts < {to_ts:DateTime64(3, 'UTC')}
        ) AS t LEFT JOIN ident AS i ON i.visitor_id = t.visitor_id
      )
      WHERE person NOT IN (SELECT person FROM converters)
      GROUP BY person
    ) GROUP BY labels`;
  const run = (query: string) =>
    client
      .query({ query, query_params: params, format: 'JSONEachRow' })
      .then((r) => r.json<Record<string, unknown>>());
  const [conv, nulls, timing] = await Promise.all([run(converting), run(nonConverting), run(timingSql)]);
  const byPath = new Map<string, { channels: string[]; conversions: number; value: number; nulls: number }>();
  const key = (labels: string[]) => JSON.stringify(labels);
  for (const r of conv) {
    const labels = (r.labels as string[]).map(String);
    byPath.set(key(labels), {
      channels: labels,
      conversions: Number(r.conversions),
      value: Number(r.value),
      nulls: 0,
    });
  }
  for (const r of nulls) {
    const labels = (r.labels as string[]).map(String);
    const p = byPath.get(key(labels)) ?? { channels: labels, conversions: 0, value: 0, nulls: 0 };
    p.nulls += Number(r.nulls);
    byPath.set(key(labels), p);
  }
  const buckets = Array.from({ length: BUCKET_DAYS.length + 2 }, () => ({ conversions: 0, value: 0 }));
  for (const r of timing) {
    const b = buckets[Number(r.bucket)]!;
    b.conversions += Number(r.conversions);
    b.value += Number(r.value);
  }
  return { paths: [...byPath.values()], time_to_conversion: buckets };
}

/**
 * Credited conversions and value per label under each of the given model keys, straight from the
 * stored credit (one pass for all models; reports over long periods skip the daily rollups).
 */
export async function creditByLabel(
  client: ClickHouseClient,
  ws: string,
  q: AttributionPathQuery & { models: KpiModel[] },
): Promise<Array<{ model: KpiModel; label: string; conversions: number; value: number }>> {
  const keys = new Map(q.models.map((model) => [modelKey({ ...q.attribution, model }, q.timeZone), model]));
  const params = { ...rangeParams(ws, q), keys: [...keys.keys()] };
  const rs = await client.query({
    query: `${CREDITED}
      SELECT cr.model_key AS key, s.${STEP_INDEX[q.by]} AS label,
        sum(s.12 * c.counted) AS conversions, sumIf(s.12 * c.net * c.fx, c.fx > 0) AS value
      FROM fxd AS c
      INNER JOIN (
        SELECT conversion_id, c_ms, model_key, steps FROM conversion_credit
        WHERE workspace_id = {ws:String} AND model_key IN {keys:Array(String)}
          AND c_ms >= toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')})
          AND c_ms < toUnixTimestamp64Milli({to_ts:DateTime64(3, 'UTC')})
      ) AS cr ON cr.conversion_id = c.conversion_id AND cr.c_ms = c.c_ms
      ARRAY JOIN cr.steps AS s
      GROUP BY key, label`,
    query_params: params,
    format: 'JSONEachRow',
  });
  return (await rs.json<Record<string, unknown>>()).map((r) => ({
    model: keys.get(String(r.key))!,
    label: String(r.label),
    conversions: Number(r.conversions),
    value: Number(r.value),
  }));
}
