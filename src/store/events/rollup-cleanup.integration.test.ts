import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_SETTINGS } from '../../core/report-params.js';
import { conversion, touchpoint } from '../../../test/fixtures/rows.js';
import type { CohortFactQuery, KpiFactQuery } from '../ports.js';
import { connectEvents } from './connect.js';
import { ClickHouseEventStore } from './store.js';

/**
 * The report rollups on a live shop: each report after a new order rebuilds today's day
 * (credit_daily) and this month's cohort (cohort_monthly). The rows of replaced builds must go,
 * or the readers would scan every build ever made; concurrent reports must build a unit once.
 * Orders of 10 EUR on 2 April 2026 (Brussels), each the first of its own customer, after one
 * Paid Search touch; every report must count them all, and a unit's rows must never hold more
 * than a few builds (the clean-up's limit) however often it is rebuilt.
 */
const conn = connectEvents({ dataDir: mkdtempSync(join(tmpdir(), 'rdm-rollup-clean-')) });
const events = new ClickHouseEventStore(conn);
const W = 'ws_rollup_clean';
let version = Date.now() * 1000;

const kpiQuery: KpiFactQuery = {
  from: '2026-04-01',
  to: '2026-04-03',
  timeZone: 'Europe/Brussels',
  baseCurrency: 'EUR',
  by: [],
  grain: null,
  filters: [],
  attribution: DEFAULT_MODEL_SETTINGS,
  defaultMargin: null,
  undoneImports: [],
  campaignMappings: [],
  allRevenue: false,
};
const cohortQuery: CohortFactQuery = {
  fromMonth: '2026-04-01',
  toMonth: '2026-04-01',
  until: '2026-04-30',
  timeZone: 'Europe/Brussels',
  baseCurrency: 'EUR',
  defaultMargin: 0.5,
  attribution: DEFAULT_MODEL_SETTINGS,
};

let orders = 0;
async function order(): Promise<void> {
  orders += 1;
  const visitor = `v${orders}`;
  await events.insertTouchpoints([
    touchpoint({
      workspace_id: W,
      event_id: `t${orders}`,
      visitor_id: visitor,
      ts: Date.UTC(2026, 3, 2, 8),
      channel: 'Paid Search',
    }),
  ]);
  await events.writeConversions(
    [
      conversion({
        workspace_id: W,
        conversion_id: `o${orders}`,
        customer_id: `c${orders}`,
        visitor_id: visitor,
        ts: Date.UTC(2026, 3, 2, 9),
        value: '10',
        version: ++version,
      }),
    ],
    [],
  );
}

const ordersIn = async (q = kpiQuery) =>
  (await events.kpiFacts(W, q)).rows.reduce((a, r) => a + (r.inputs.orders ?? 0), 0);
const cohortRevenue = async () =>
  (await events.cohortFacts(W, cohortQuery)).cells.reduce((a, c) => a + c.revenue, 0);

/** Per unit of a rollup table, how many builds have rows there. */
async function buildsPerUnit(table: 'credit_daily' | 'cohort_monthly', unit: 'day' | 'cohort') {
  const rs = await conn.client.query({
    query: `SELECT toString(${unit}) AS u, uniqExact(build) AS n FROM ${table}
            WHERE workspace_id = {ws:String} GROUP BY u ORDER BY u`,
    query_params: { ws: W },
    format: 'JSONEachRow',
  });
  return Object.fromEntries((await rs.json<{ u: string; n: string }>()).map((r) => [r.u, Number(r.n)]));
}

/** The clean-up runs as background mutations: wait for them before counting rows. */
async function mutationsDone(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rs = await conn.client.query({
      query: `SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND NOT is_done`,
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string }>();
    if (Number(row?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('mutations did not finish');
}

beforeAll(async () => {
  await events.migrate();
});
afterAll(async () => {
  await events.close();
});

describe('report rollups on a live shop', () => {
  it('count every order after each rebuild, and keep the rows of a few builds per unit at most', async () => {
    const most = { day: 0, cohort: 0 };
    for (let round = 1; round <= 12; round++) {
      await order();
      expect(await ordersIn()).toBe(round);
      expect(await cohortRevenue()).toBeCloseTo(10 * round, 9);
      await mutationsDone();
      most.day = Math.max(most.day, ...Object.values(await buildsPerUnit('credit_daily', 'day')));
      most.cohort = Math.max(most.cohort, ...Object.values(await buildsPerUnit('cohort_monthly', 'cohort')));
    }
    // Never more than the limit (8) plus the build that pushed past it; 12 builds were made.
    expect(most.day).toBeGreaterThanOrEqual(2);
    expect(most.day).toBeLessThanOrEqual(9);
    expect(most.cohort).toBeLessThanOrEqual(9);
    const left = await buildsPerUnit('credit_daily', 'day');
    expect(Object.keys(left)).toEqual(['2026-04-02']);
  });

  it('build a stale unit once when reports arrive together', async () => {
    await order();
    const newest = async () => {
      const rs = await conn.client.query({
        query: `SELECT toString(max(build)) AS b FROM credit_daily WHERE workspace_id = {ws:String}`,
        query_params: { ws: W },
        format: 'JSONEachRow',
      });
      return (await rs.json<{ b: string }>())[0]!.b;
    };
    const before = await newest();
    const answers = await Promise.all([ordersIn(), ordersIn(), ordersIn()]);
    expect(answers).toEqual([orders, orders, orders]);
    // One build of the changed day; the other two reports found it current.
    const rs = await conn.client.query({
      query: `SELECT uniqExact(build) AS n FROM credit_daily WHERE workspace_id = {ws:String} AND build > {before:UInt64}`,
      query_params: { ws: W, before },
      format: 'JSONEachRow',
    });
    expect(Number((await rs.json<{ n: string }>())[0]!.n)).toBe(1);
  });
});
