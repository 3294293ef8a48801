import type { ClickHouseClient } from '@clickhouse/client';
import { rows } from './query-rows.js';

/** A table's columns and their types, in table order. */
export function tableColumns(
  client: ClickHouseClient,
  table: string,
): Promise<Array<{ name: string; type: string }>> {
  return rows(
    client,
    `SELECT name, type FROM system.columns
     WHERE database = currentDatabase() AND table = {table:String} ORDER BY position`,
    { table },
  );
}

/**
 * A table's columns as an input structure for `file()`, with every `LowCardinality(T)` read as
 * plain `T`: the insert converts each column to the table's type at once, where parsing a row
 * format straight into LowCardinality columns costs a dictionary lookup per value (about twice
 * the engine's CPU for collector rows and for cost rows alike; see bench/engine-insert).
 */
export async function plainStructure(client: ClickHouseClient, table: string): Promise<string> {
  const columns = await tableColumns(client, table);
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
