import type { ClickHouseClient } from '@clickhouse/client';

/**
 * The rows of a query with bound parameters, as JSON objects. `RDM_PROFILE=1` prints each
 * query's milliseconds and opening to stderr (for finding a slow report step).
 */
export async function rows<T = Record<string, unknown>>(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const t = performance.now();
  const rs = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  const out = await rs.json<T>();
  if (process.env.RDM_PROFILE)
    console.error(Math.round(performance.now() - t), query.slice(0, 60).replace(/\s+/g, ' '));
  return out;
}
