import type { ClickHouseClient } from '@clickhouse/client';

/**
 * A table's columns as an input structure for `file()`, with every `LowCardinality(T)` read as
 * plain `T` (the insert converts each column to the table's type).
 */
export async function plainStructure(client: ClickHouseClient, table: string): Promise<string> {
  const rs = await client.query({
    query: `SELECT name, type FROM system.columns
      WHERE database = currentDatabase() AND table = {table:String} ORDER BY position`,
    query_params: { table },
    format: 'JSONEachRow',
  });
  const columns = await rs.json<{ name: string; type: string }>();
  return columns.map((c) => `${c.name} ${stripLowCardinality(c.type)}`).join(', ');
}

/** `Map(LowCardinality(String), String)` → `Map(String, String)`, at any depth. */
export function stripLowCardinality(type: string): string {
  const at = type.indexOf('LowCardinality(');
  if (at < 0) return type;
  let depth = 0;
  let end = at + 'LowCardinality('.length;
  for (; end < type.length; end++) {
    if (type[end] === '(') depth++;
    else if (type[end] === ')' && depth-- === 0) break;
  }
  const inner = type.slice(at + 'LowCardinality('.length, end);
  return stripLowCardinality(type.slice(0, at) + inner + type.slice(end + 1));
}
