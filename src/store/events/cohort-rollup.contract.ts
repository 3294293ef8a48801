import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionRow } from '../../core/records.js';
import { DEFAULT_MODEL_SETTINGS } from '../../core/report-params.js';
import { conversion, touchpoint } from '../../../test/fixtures/rows.js';
import type { CohortCell, CohortFactQuery, EventStore } from '../ports.js';

/**
 * The cohort rollup (migration 007) against hand-worked answers, and what makes a month stale: a
 * refund, a new purchase, a moved purchase and a refunded first purchase after a first report
 * change the next report; FX rates, the default margin and the "as of" day need no rebuild.
 *
 * Workspace: EUR, Europe/Brussels (UTC+1 in winter), 1 USD = 0.90 EUR from 2025-12-01. Touches:
 * cust-a (visitor v1) Paid Search on 5 Jan, cust-b (v2) Email on 10 Jan, visitor v3 (no customer
 * id) Paid Social on 3 Feb. Purchases: p1 cust-a 6 Jan 100 EUR (no margin), p2 cust-b 12 Jan
 * 50 USD = 45 EUR (margin 40 %), p3 cust-a 14 Feb 40 EUR, p4 v3 4 Feb 60 EUR; cust-z bought on
 * 20 Dec 2025 (before the first cohort asked) and again on 20 Jan: never in January's cohort; a
 * lead of cust-b is no purchase. Figures are exact up to float rounding (compared to 1e-9).
 *
 * Run against every adapter (fresh workspace ids, so that a shared server can run it again).
 * `builds`, where the adapter can tell, counts the rows of cohort_monthly_builds (one per month
 * built, one per month a check found current): a report with nothing changed must add none.
 */
export function cohortRollupContract(
  name: string,
  open: () => Promise<EventStore>,
  builds?: () => Promise<number>,
) {
  describe(`cohort rollup: ${name}`, () => {
    let events: EventStore;
    const W = `ws_cohorts_${Math.random().toString(36).slice(2, 8)}`;

    const utc = (s: string) => Date.parse(`${s}Z`);
    let version = Date.now() * 1000;

    const buy = (id: string, over: Partial<ConversionRow>): ConversionRow =>
      conversion({ workspace_id: W, conversion_id: id, version: ++version, ...over });

    /** Write new versions of conversions (versions are receive times in µs: newer than every build). */
    const write = (rows: ConversionRow[]) => events.writeConversions(rows, []);

    const query = (over: Partial<CohortFactQuery> = {}): CohortFactQuery => ({
      fromMonth: '2026-01-01',
      toMonth: '2026-03-01',
      until: '2026-03-31',
      timeZone: 'Europe/Brussels',
      baseCurrency: 'EUR',
      defaultMargin: 0.5,
      attribution: DEFAULT_MODEL_SETTINGS,
      ...over,
    });

    /** Build rows so far; 0 where the adapter cannot tell (the assertions then hold trivially). */
    const count = () => (builds ? builds() : Promise.resolve(0));

    const r9 = (x: number) => Math.round(x * 1e9) / 1e9;
    async function cells(over: Partial<CohortFactQuery> = {}): Promise<string[]> {
      const f = await events.cohortFacts(W, query(over));
      return f.cells.map(
        (c: CohortCell) =>
          `${c.cohort} ${c.channel} ${c.age}: ${c.active} ${r9(c.revenue)} ${r9(c.gross_profit)} ${r9(c.unmargined_revenue)}`,
      );
    }

    beforeAll(async () => {
      events = await open();
      await events.setFxRates(W, [{ currency: 'USD', date: '2025-12-01', rate: '0.9' }]);
      await events.insertTouchpoints([
        touchpoint({ workspace_id: W, event_id: 't1', visitor_id: 'v1', ts: utc('2026-01-05T09:00:00') }),
        touchpoint({
          workspace_id: W,
          event_id: 't2',
          visitor_id: 'v2',
          ts: utc('2026-01-10T09:00:00'),
          channel: 'Email',
          source: 'newsletter',
          medium: 'email',
        }),
        touchpoint({
          workspace_id: W,
          event_id: 't3',
          visitor_id: 'v3',
          ts: utc('2026-02-03T09:00:00'),
          channel: 'Paid Social',
          source: 'facebook',
          medium: 'paid_social',
        }),
      ]);
      await events.insertIdentities(
        [
          ['v1', 'cust-a'],
          ['v2', 'cust-b'],
        ].map(([visitor_id, customer_id]) => ({
          workspace_id: W,
          visitor_id: visitor_id!,
          customer_id: customer_id!,
          ts: utc('2026-01-01T00:00:00'),
        })),
      );
      await write([
        buy('p1', { customer_id: 'cust-a', visitor_id: 'v1', ts: utc('2026-01-06T10:00:00'), value: '100' }),
        buy('p2', {
          customer_id: 'cust-b',
          visitor_id: 'v2',
          ts: utc('2026-01-12T10:00:00'),
          value: '50',
          currency: 'USD',
          margin: 0.4,
        }),
        buy('p3', { customer_id: 'cust-a', visitor_id: 'v1', ts: utc('2026-02-14T10:00:00'), value: '40' }),
        buy('p4', { customer_id: '', visitor_id: 'v3', ts: utc('2026-02-04T10:00:00'), value: '60' }),
        buy('l1', { type: 'lead', customer_id: 'cust-b', visitor_id: 'v2', ts: utc('2026-01-11T10:00:00') }),
        buy('z1', { customer_id: 'cust-z', visitor_id: 'vz', ts: utc('2025-12-20T10:00:00'), value: '70' }),
        buy('z2', { customer_id: 'cust-z', visitor_id: 'vz', ts: utc('2026-01-20T10:00:00'), value: '80' }),
      ]);
    });

    afterAll(async () => {
      await events?.close();
    });

    it('hand-worked cells; a second report builds nothing', async () => {
      const expected = [
        // cust-b: 45 EUR, 40 % margin → 18.
        '2026-01 Email 0: 1 45 18 0',
        // cust-a: 100 at the default 50 % in January, 40 in February.
        '2026-01 Paid Search 0: 1 100 50 0',
        '2026-01 Paid Search 1: 1 40 20 0',
        '2026-02 Paid Social 0: 1 60 30 0',
      ];
      expect(await cells()).toEqual(expected);
      const made = await count();
      if (builds) expect(made).toBe(3);
      expect(await cells()).toEqual(expected);
      expect(await count()).toBe(made);
    });

    it('as of 10 Feb, without a default margin, at a new USD rate: the same builds', async () => {
      const made = await count();
      // p3 (14 Feb) is after the day; p4 (4 Feb) is not.
      expect(await cells({ until: '2026-02-10' })).toEqual([
        '2026-01 Email 0: 1 45 18 0',
        '2026-01 Paid Search 0: 1 100 50 0',
        '2026-02 Paid Social 0: 1 60 30 0',
      ]);
      // Without a default, revenue without a margin of its own has no gross profit.
      expect(await cells({ defaultMargin: null })).toEqual([
        '2026-01 Email 0: 1 45 18 0',
        '2026-01 Paid Search 0: 1 100 0 100',
        '2026-01 Paid Search 1: 1 40 0 40',
        '2026-02 Paid Social 0: 1 60 0 60',
      ]);
      // 1 USD = 0.80 EUR from 1 Jan: 50 USD = 40 EUR, 16 gross profit.
      await events.setFxRates(W, [{ currency: 'USD', date: '2026-01-01', rate: '0.8' }]);
      expect((await cells())[0]).toBe('2026-01 Email 0: 1 40 16 0');
      await events.setFxRates(W, [{ currency: 'USD', date: '2026-01-01', rate: '0.9' }]);
      expect(await count()).toBe(made);
    });

    it('a refund after a first report', async () => {
      await write([
        buy('p3', {
          customer_id: 'cust-a',
          visitor_id: 'v1',
          ts: utc('2026-02-14T10:00:00'),
          value: '40',
          status: 'refunded',
          refunded_value: '40',
        }),
        buy('p1', {
          customer_id: 'cust-a',
          visitor_id: 'v1',
          ts: utc('2026-01-06T10:00:00'),
          value: '100',
          status: 'refunded',
          refunded_value: '30',
        }),
      ]);
      // p3 refunded in full: cust-a no longer active in February; p1 in part: 70 left.
      expect(await cells()).toEqual([
        '2026-01 Email 0: 1 45 18 0',
        '2026-01 Paid Search 0: 1 70 35 0',
        '2026-02 Paid Social 0: 1 60 30 0',
      ]);
    });

    it('new purchases in an existing cohort', async () => {
      await write([
        buy('p5', { customer_id: 'cust-b', visitor_id: 'v2', ts: utc('2026-03-03T10:00:00'), value: '20' }),
        buy('p6', { customer_id: 'cust-b', visitor_id: 'v2', ts: utc('2026-03-05T10:00:00'), value: '10' }),
      ]);
      // Two purchases in March: one active customer, 30 EUR.
      expect(await cells()).toEqual([
        '2026-01 Email 0: 1 45 18 0',
        '2026-01 Email 2: 1 30 15 0',
        '2026-01 Paid Search 0: 1 70 35 0',
        '2026-02 Paid Social 0: 1 60 30 0',
      ]);
      const made = await count();
      expect((await cells()).length).toBe(4);
      expect(await count()).toBe(made);
    });

    it('a purchase moved to another month takes its buyer to that cohort', async () => {
      // p4 moves from 4 Feb to 28 Jan: v3's only touch (3 Feb) comes after it, so its path is Direct.
      await write([
        buy('p4', { customer_id: '', visitor_id: 'v3', ts: utc('2026-01-28T10:00:00'), value: '60' }),
      ]);
      expect(await cells()).toEqual([
        '2026-01 Direct 0: 1 60 30 0',
        '2026-01 Email 0: 1 45 18 0',
        '2026-01 Email 2: 1 30 15 0',
        '2026-01 Paid Search 0: 1 70 35 0',
      ]);
    });

    it('a cancelled first purchase moves its buyer to the month of the next one', async () => {
      await write([
        buy('p2', {
          customer_id: 'cust-b',
          visitor_id: 'v2',
          ts: utc('2026-01-12T10:00:00'),
          value: '50',
          currency: 'USD',
          margin: 0.4,
          status: 'cancelled',
        }),
      ]);
      // cust-b's first counted purchase is now p5 (3 Mar); the Email touch is 52 days before it,
      // outside the 30-day lookback: Direct. p5 + p6 = 30 EUR.
      expect(await cells()).toEqual([
        '2026-01 Direct 0: 1 60 30 0',
        '2026-01 Paid Search 0: 1 70 35 0',
        '2026-03 Direct 0: 1 30 15 0',
      ]);
    });
  });
}
