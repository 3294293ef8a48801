import type { ClickHouseClient } from '@clickhouse/client';
import { rows } from './query-rows.js';

/**
 * What the report rollups (credit_daily per day, cohort_monthly per acquisition month) share: one
 * refresh at a time per workspace, and their version watermarks — each unit's
 * newest build with the newest conversion version it is known to be current for.
 */

/**
 * Run `work` after the workspace's previous run in `queue` settles: two concurrent first reports
 * would otherwise both find the same units stale and build them twice.
 */
export function oneAtATime<T>(
  queue: Map<string, Promise<unknown>>,
  ws: string,
  work: () => Promise<T>,
): Promise<T> {
  const run = (queue.get(ws) ?? Promise.resolve()).then(work);
  const settled = run.catch(() => undefined);
  queue.set(ws, settled);
  void settled.then(() => {
    if (queue.get(ws) === settled) queue.delete(ws);
  });
  return run;
}

/** A rollup's builds table, its unit column and the Date parameters bounding the units asked. */
export interface RollupBuilds {
  table: 'credit_daily_builds' | 'cohort_monthly_builds';
  unit: 'day' | 'cohort';
  from: 'day_from' | 'from_month';
  to: 'day_to' | 'to_month';
}

/**
 * In one round trip: the newest conversion version of the workspace (`top`) and, per unit built
 * under `model_key` in the range, its newest build and the version that build is current for.
 */
export async function rollupState(
  client: ClickHouseClient,
  b: RollupBuilds,
  params: Record<string, unknown>,
): Promise<{ top: bigint; built: Array<{ unit: string; build: string; seen: bigint }> }> {
  const state = await rows<{ u: string; b: string; seen: string }>(
    client,
    `SELECT '' AS u, '' AS b, toString(max(version)) AS seen FROM conversions WHERE workspace_id = {ws:String}
     UNION ALL
     SELECT toString(${b.unit}) AS u, toString(max(build)) AS b,
       toString(argMax(seen_version, (build, seen_version))) AS seen
     FROM ${b.table}
     WHERE workspace_id = {ws:String} AND model_key = {model_key:String}
       AND ${b.unit} >= {${b.from}:Date} AND ${b.unit} <= {${b.to}:Date}
     GROUP BY ${b.unit}`,
    params,
  );
  return {
    top: BigInt(state.find((s) => s.u === '')?.seen ?? '0'),
    built: state.filter((s) => s.u !== '').map((s) => ({ unit: s.u, build: s.b, seen: BigInt(s.seen) })),
  };
}

/**
 * Record that these units' builds are current up to `top` (same build, newer version): a change
 * scan found them untouched, and every later report would otherwise scan the same changes again.
 */
export async function markCurrent(
  client: ClickHouseClient,
  b: RollupBuilds,
  params: Record<string, unknown>,
  units: Array<{ unit: string; build: string }>,
  top: bigint,
): Promise<void> {
  if (units.length === 0) return;
  await client.insert({
    table: b.table,
    values: units.map((u) => ({
      workspace_id: params.ws,
      model_key: params.model_key,
      [b.unit]: u.unit,
      build: u.build,
      seen_version: top.toString(),
    })),
    format: 'JSONEachRow',
  });
}
