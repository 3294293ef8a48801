import type { ClickHouseClient } from '@clickhouse/client';
import type { AttributionPathQuery, AttributionPaths, PathLabel } from '../ports.js';
import { CREDITED, periodParams } from './kpis.js';
import { CONVERSION_PERSON, IDENT_CTE, marketingTouches, TOUCH_PERSON } from './person-sql.js';

/** Upper bounds of the time-to-conversion buckets in days (reports.ts TIME_BUCKETS: < 1, 1–3, 4–7, 8–14, 15–30, > 30). */
const BUCKET_DAYS = [1, 4, 8, 15, 31];

/** Column of a touchpoint per report label, and the label of the Direct step a conversion with no touch gets. */
const LABEL_SQL = {
  channel: ['t.channel', 'Direct'],
  source: ['t.source', '(direct)'],
  medium: ['t.medium', '(none)'],
  campaign: ['t.utm_campaign', ''],
  partner: ['t.partner', ''],
} as const;

/**
 * The journeys query, built once per (label, collapse, positional models) from fixed fragments.
 *
 * Each person's touches are grouped once (visitors stitched through customer ids) into two arrays
 * sorted by one integer key, `t_ms · 4096 + (hash(label) mod 1024) · 4 + 2 · is_impression +
 * is_direct` — plain arrays, which group several times faster than arrays of tuples, and one sort
 * key, which sorts twice as fast as a tuple; same-millisecond touches are thus ordered by a hash
 * of their label — and joined (FULL) to the person's conversions. Persons are grouped and joined
 * on a 64-bit hash of their id (as cohorts' buyers are): 6 % faster than strings at a year of a
 * large shop, and two of its ~2·10⁶ persons share a hash with probability ≈ n²/2⁶⁵ ≈ 10⁻⁷. A person
 * with counted conversions in the period gives one journey per conversion: the touches within the
 * lookback windows up to it (clicks `click_lookback`, impressions `view_lookback`), repeats
 * collapsed when asked, the newest `max_path`; no touch gives the Direct step at the conversion.
 * A person with touches in the period and no conversion in it gives one non-converting journey
 * (the newest `max_path` touches of the period).
 *
 * Grouping sets give, in one pass, the journeys per distinct label sequence and the conversions
 * per time from the first touch (bucket 0: no touch; then 1 + the bounds the lag reaches). Per
 * sequence the positional credit: time decay wᵢ = 2^(−(c − tᵢ)/h) / Σⱼ 2^(−(c − tⱼ)/h), computed
 * relative to the newest touch so that old paths do not underflow; last non-direct one-hot on the
 * newest touch whose channel is not Direct (the newest touch when all are).
 */
function journeysSql(by: PathLabel, collapse: boolean, positional: ReadonlySet<string>): string {
  const inWindow = `intDiv(k, 4096) <= m AND intDiv(k, 4096) >= m - if(bitTest(k, 1), {view_lookback_ms:Int64}, {click_lookback_ms:Int64})`;
  const sinceFrom = `intDiv(k, 4096) >= from_ms`;
  // Collapse: keep a touch when it is the first or its label differs from the previous one.
  const keep = collapse ? `arrayMap((l, i) -> i = 1 OR l != fl[i - 1], fl, arrayEnumerate(fl))` : '';
  const cut = (arr: 'fk' | 'fl') =>
    collapse
      ? `arraySlice(arrayFilter((x, y) -> y, ${arr}, ${keep}), -{max_path:UInt32})`
      : `arraySlice(${arr}, -{max_path:UInt32})`;
  // Per position, summed over the path's conversions.
  const sums: string[] = [];
  for (const [m, w] of [
    ['time_decay', 'td'],
    ['last_non_direct', 'lnd'],
  ] as const)
    if (positional.has(m))
      sums.push(
        `sumForEach(arrayMap(x -> x * is_conv, ${w})) AS ${w}_conv`,
        `sumForEach(arrayMap(x -> x * value, ${w})) AS ${w}_value`,
      );
  return `${CREDITED},
  ${IDENT_CTE},
  conv AS (
    SELECT person, groupArray(c_ms) AS cm, groupArray(counted) AS cc, groupArray(v) AS cv FROM (
      SELECT cityHash64(${CONVERSION_PERSON}) AS person, c.c_ms AS c_ms, c.counted AS counted,
        if(c.fx > 0, c.net * c.fx, 0.) AS v
      FROM fxd AS c LEFT JOIN ident AS i ON i.visitor_id = c.visitor_id
    ) GROUP BY person
  ),
  touches AS (
    SELECT person, groupArray(key) AS k0, arraySort(k0) AS ks, arraySort((l, k) -> k, groupArray(label), k0) AS ls
    FROM (
      SELECT cityHash64(${TOUCH_PERSON}) AS person,
        toString(${LABEL_SQL[by][0]}) AS label,
        toUnixTimestamp64Milli(t.ts) * 4096 + (cityHash64(label) % 1024) * 4 + 2 * (t.type = 'impression') + (t.channel = 'Direct') AS key
      FROM ${marketingTouches('tp_from')}
    ) GROUP BY person
  ),
  journeys AS (
    SELECT j.1 AS fk, j.2 AS fl, j.3 AS c_ms, j.4 AS is_conv, j.5 AS value
    FROM (
      SELECT t.ks AS ks, t.ls AS ls, c.cm AS cm, c.cc AS cc, c.cv AS cv,
        toUnixTimestamp64Milli({from_ts:DateTime64(3, 'UTC')}) AS from_ms
      FROM touches AS t FULL OUTER JOIN conv AS c ON c.person = t.person
    )
    ARRAY JOIN if(empty(cm),
      [(arrayFilter(k -> ${sinceFrom}, ks), arrayFilter((l, k) -> ${sinceFrom}, ls, ks), toInt64(0), toUInt8(0), 0.)],
      arrayFilter(x -> x.4 = 1, arrayMap((m, n, val) -> (
        arrayFilter(k -> ${inWindow}, ks), arrayFilter((l, k) -> ${inWindow}, ls, ks), m, toUInt8(n), val), cm, cc, cv))) AS j
    WHERE is_conv = 1 OR notEmpty(fk)
  ),
  steps AS (
    SELECT ${cut('fk')} AS pk, ${cut('fl')} AS pl,
      if(empty(pk), [c_ms * 4096 + 1], pk) AS keys, if(empty(pk), [{direct_label:String}], pl) AS labels,
      is_conv, value,
      if(empty(pk), 0, 1 + arrayCount(b -> (c_ms - intDiv(keys[1], 4096)) >= b, {buckets:Array(Int64)})) AS bucket,
      arrayMap(k -> pow(2, (intDiv(k, 4096) - intDiv(keys[-1], 4096)) / {half_life_ms:Float64}), keys) AS raw,
      arrayMap(r -> r / arraySum(raw), raw) AS td,
      arrayLastIndex(k -> bitTest(k, 0) = 0, keys) AS lnd_at,
      arrayMap(i -> toFloat64(i = if(lnd_at = 0, length(keys), lnd_at)), arrayEnumerate(keys)) AS lnd
    FROM journeys
  )
  SELECT grouping(labels) AS by_bucket, labels, bucket,
    sum(is_conv) AS n_conv, sum(value) AS n_value, count() - sum(is_conv) AS n_null${sums
      .map(
        (x) => `,
    ${x}`,
      )
      .join('')}
  FROM steps
  GROUP BY GROUPING SETS ((labels), (bucket))`;
}

/**
 * The journeys the attribution models fit on, computed from the touchpoints in one pass (see
 * journeysSql): per distinct sequence of labels the counted conversions, their value in the base
 * currency and the non-converting persons, with positional credit for the asked models; plus
 * conversions and value by time from the first touch to the conversion.
 */
export async function attributionPaths(
  client: ClickHouseClient,
  ws: string,
  q: AttributionPathQuery,
): Promise<AttributionPaths> {
  const positional = new Set(q.positional ?? []);
  const params = {
    ...periodParams(ws, q),
    buckets: BUCKET_DAYS.map((d) => d * 86_400_000),
    direct_label: LABEL_SQL[q.by][1],
  };
  const rs = await client.query({
    query: journeysSql(q.by, q.collapseRepeats ?? false, positional),
    query_params: params,
    format: 'JSONCompactEachRow',
  });
  const rows = await rs.json<unknown[]>();
  const paths: AttributionPaths['paths'] = [];
  const buckets = Array.from({ length: BUCKET_DAYS.length + 2 }, () => ({ conversions: 0, value: 0 }));
  const nums = (v: unknown) => (v as unknown[]).map(Number);
  for (const r of rows) {
    // Columns: by_bucket, labels, bucket, n_conv, n_value, n_null, then the positional sums in order.
    if (Number(r[0]) === 1) {
      const b = buckets[Number(r[2])]!;
      b.conversions += Number(r[3]);
      b.value += Number(r[4]);
      continue;
    }
    const path: AttributionPaths['paths'][number] = {
      channels: (r[1] as unknown[]).map(String),
      conversions: Number(r[3]),
      value: Number(r[4]),
      nulls: Number(r[5]),
    };
    let col = 6;
    if (positional.size) path.positional = {};
    for (const m of ['time_decay', 'last_non_direct'] as const)
      if (positional.has(m)) {
        path.positional![m] = { conversions: nums(r[col]), value: nums(r[col + 1]) };
        col += 2;
      }
    paths.push(path);
  }
  return { paths, time_to_conversion: buckets };
}
