import type { ClickHouseClient } from '@clickhouse/client';
import { rows } from './query-rows.js';

/**
 * What the report rollups (credit_daily per day, cohort_monthly per acquisition month) share: one
 * refresh at a time per workspace, their version watermarks — each unit's newest build with the
 * newest conversion version it is known to be current for — and the clean-up of superseded builds.
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

/** A rollup: its builds, the table of its rows, and how to find the units a change reaches. */
export interface Rollup extends RollupBuilds {
  /** The rollup's rows, each with its unit and build. */
  rowsTable: 'credit_daily' | 'cohort_monthly';
  /**
   * Per unit that a conversion changed since `{oldest:UInt64}` is or was on, within the units
   * asked: the newest version among those changes. Columns `u` (the unit as text) and `v`.
   */
  changedSql: string;
}

const refreshing = new Map<string, Promise<unknown>>();
let lastBuild = 0;

/** Build numbers: milliseconds, kept increasing (two builds in one millisecond stay apart). */
function nextBuild(): number {
  lastBuild = Math.max(Date.now(), lastBuild + 1);
  return lastBuild;
}

/**
 * Make the rollup current for `units` (all within the range `params` bounds, under its
 * `model_key`): build, through `build(stale, buildNumber)`, the units never built and those a
 * conversion changed since their build; record that the others are current. One refresh at a time
 * per workspace and rollup: concurrent reports (a dashboard asks several at once) would otherwise
 * all find the same units stale and build them each. Answers the number of units (re)built.
 */
export function refreshRollup(
  client: ClickHouseClient,
  r: Rollup,
  params: Record<string, unknown>,
  units: string[],
  build: (stale: string[], buildNumber: number) => Promise<void>,
): Promise<number> {
  return oneAtATime(refreshing, `${r.rowsTable}\u0000${String(params.ws)}`, async () => {
    const { top, built } = await rollupState(client, r, params);
    const seen = new Map(built.map((b) => [b.unit, b.seen]));
    const stale = new Set(units.filter((u) => !seen.has(u)));
    const oldest = [...seen.values()].reduce((a, b) => (a < b ? a : b), top);
    // Nothing written since the oldest build: no unit can have changed (the usual case, one scan).
    if (seen.size > 0 && top > oldest) {
      const changed = await rows<{ u: string; v: string }>(client, r.changedSql, {
        ...params,
        oldest: oldest.toString(),
      });
      for (const c of changed) {
        const s = seen.get(c.u);
        if (s !== undefined && BigInt(c.v) > s) stale.add(c.u);
      }
      // The units no change reached are current up to `top`: say so, or every later report would
      // scan the same changes again.
      await markCurrent(
        client,
        r,
        params,
        built.filter((b) => !stale.has(b.unit) && b.seen < top),
        top,
      );
    }
    if (stale.size === 0) return 0;
    const list = [...stale].sort();
    const buildNumber = nextBuild();
    await build(list, buildNumber);
    await client.insert({
      table: r.table,
      values: list.map((u) => ({
        workspace_id: params.ws,
        model_key: params.model_key,
        [r.unit]: u,
        build: buildNumber,
        seen_version: top.toString(),
      })),
      format: 'JSONEachRow',
    });
    await dropSuperseded(
      client,
      r,
      params,
      built.filter((b) => stale.has(b.unit)),
    );
    return list.length;
  });
}

/**
 * Past this many builds with rows in one unit, the superseded ones are deleted (see
 * dropSuperseded): a deletion rewrites the unit's parts, so it is worth doing once per several
 * rebuilds rather than after each.
 */
const SUPERSEDED_LIMIT = 8;

/**
 * Delete the rows of builds that two newer builds have replaced. A live shop rebuilds today (and
 * this month's cohort) whenever a report follows a new order: without this, every rebuild's rows
 * would stay, and the readers, which pick the newest build, would scan them all. Done when a
 * rebuilt unit holds more than SUPERSEDED_LIMIT builds, as a mutation the engine runs in the
 * background (a report does not wait for it). The build just replaced (`previous`, each unit's
 * build before this refresh) is kept for a report that chose it an instant before the new build
 * was recorded; rows older than the oldest of those are superseded twice over for every unit
 * listed, so any moment's view of the table still holds a complete build of each unit.
 */
async function dropSuperseded(
  client: ClickHouseClient,
  r: Rollup,
  params: Record<string, unknown>,
  previous: Array<{ unit: string; build: string }>,
): Promise<void> {
  if (previous.length === 0) return;
  const scope = {
    ws: params.ws,
    model_key: params.model_key,
    units: previous.map((b) => b.unit),
  };
  const where = `workspace_id = {ws:String} AND model_key = {model_key:String} AND ${r.unit} IN {units:Array(Date)}`;
  // Only the sort key's columns: cheap.
  const [most] = await rows<{ n: string }>(
    client,
    `SELECT max(n) AS n FROM (SELECT uniqExact(build) AS n FROM ${r.rowsTable} WHERE ${where} GROUP BY ${r.unit})`,
    scope,
  );
  if (Number(most?.n ?? 0) <= SUPERSEDED_LIMIT) return;
  const cut = previous.map((b) => BigInt(b.build)).reduce((a, b) => (a < b ? a : b));
  await client.command({
    query: `ALTER TABLE ${r.rowsTable} DELETE WHERE ${where} AND build < {cut:UInt64}`,
    query_params: { ...scope, cut: cut.toString() },
    clickhouse_settings: { mutations_sync: '0' },
  });
}
/**
 * In one round trip: the newest conversion version of the workspace (`top`) and, per unit built
 * under `model_key` in the range, its newest build and the version that build is current for.
 */
async function rollupState(
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
async function markCurrent(
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
