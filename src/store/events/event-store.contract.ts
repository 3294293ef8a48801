import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { EventStore } from '../ports.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conversion, cost, touchpoint } from '../../../test/fixtures/rows.js';
import { encodeIdentity, encodeTouchpoint } from '../row-codec.js';

/**
 * The contract every EventStore adapter keeps (embedded chDB, ClickHouse server). Each run uses
 * fresh workspace ids so that a shared server can run it repeatedly.
 */
export function eventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  reopen?: () => Promise<EventStore>,
) {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const run = Math.random().toString(36).slice(2, 8);
    const A = `ws_a_${run}`;
    const B = `ws_b_${run}`;
    /** Workspace of the spool-file test only (the others count A's rows). */
    const F = `ws_f_${run}`;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('migrates idempotently', async () => {
      await store.migrate();
      await store.migrate();
    });

    it('writes touchpoints and reads them back, scoped to the workspace', async () => {
      await store.insertTouchpoints([
        touchpoint({ workspace_id: A, event_id: 'e1', click_ids: { gclid: 'g-1' }, props: '{"a":1}' }),
        touchpoint({ workspace_id: A, event_id: 'e2', ts: Date.UTC(2026, 3, 2), visitor_id: 'v2' }),
        touchpoint({ workspace_id: B, event_id: 'e1', visitor_id: 'secret-b' }),
      ]);
      const rowsA = await store.listTouchpoints(A);
      expect(rowsA.map((r) => r.event_id).sort()).toEqual(['e1', 'e2']);
      expect(rowsA.every((r) => r.workspace_id === A)).toBe(true);
      const e1 = rowsA.find((r) => r.event_id === 'e1')!;
      expect(e1.ts).toBe(Date.UTC(2026, 2, 31, 23, 30));
      expect(e1.click_ids).toEqual({ gclid: 'g-1' });
      expect(e1.props).toBe('{"a":1}');
      expect(e1.touch).toBe(1);
      const rowsB = await store.listTouchpoints(B);
      expect(rowsB.map((r) => r.visitor_id)).toEqual(['secret-b']);
      const byVisitor = await store.listTouchpoints(A, { visitorId: 'v2' });
      expect(byVisitor.map((r) => r.event_id)).toEqual(['e2']);
    });

    it('round-trips every touchpoint field (the encoded column order matches the table)', async () => {
      const row = touchpoint({ workspace_id: A, event_id: 'full', visitor_id: 'v-full' });
      for (const [k, v] of Object.entries(row)) {
        if (
          typeof v === 'string' &&
          !['workspace_id', 'event_id', 'visitor_id', 'type', 'ts_flag', 'channel'].includes(k)
        )
          (row as unknown as Record<string, unknown>)[k] = `${k}-value`;
      }
      Object.assign(row, {
        ts: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
        received_at: Date.UTC(2026, 0, 2, 3, 4, 6, 1),
        touch: 1,
        is_bot: 1,
        consent_analytics: 0,
        consent_marketing: 1,
        click_ids: { gclid: 'g', fbclid: 'f' },
      });
      await store.insertTouchpoints([row]);
      const [back] = await store.listTouchpoints(A, { visitorId: 'v-full' });
      expect(back).toEqual(row);
    });

    it('inserts a spool file of encoded rows exactly as the rows themselves', async () => {
      const dir = mkdtempSync(join(tmpdir(), "rdm-seg-l'été "));
      const rows = [
        touchpoint({
          workspace_id: F,
          event_id: 'file-1',
          visitor_id: 'v-file',
          utm_campaign: 'zomer "sale" \\ 50%\t€',
          referrer: 'https://example.be/?q=a\nb',
          click_ids: { gclid: 'g"1', ttclid: 't\\2' },
          props: '{"naam":"Noël"}',
          channel: 'Paid Search',
        }),
        touchpoint({ workspace_id: F, event_id: 'file-2', visitor_id: 'v-file', ts: Date.UTC(2026, 4, 1) }),
      ];
      const identities = [
        { workspace_id: F, visitor_id: 'v-file', customer_id: 'c-file', ts: Date.UTC(2026, 4, 1) },
      ];
      const files = {
        touchpoints: join(dir, 'seg.touchpoints.ndjson'),
        identities: join(dir, 'seg.identities.ndjson'),
      };
      writeFileSync(files.touchpoints, rows.map(encodeTouchpoint).join('\n') + '\n');
      writeFileSync(files.identities, identities.map(encodeIdentity).join('\n') + '\n');
      await store.insertEncodedFile('touchpoints', files.touchpoints);
      await store.insertEncodedFile('identities', files.identities);
      const back = await store.listTouchpoints(F);
      expect(back.sort((a, b) => a.event_id.localeCompare(b.event_id))).toEqual(rows);
      expect(await store.listIdentities(F)).toEqual(identities);
      rmSync(dir, { recursive: true, force: true });
    });

    it('collapses a re-sent event id', async () => {
      const row = touchpoint({ workspace_id: A, event_id: 'dup' });
      await store.insertTouchpoints([row]);
      await store.insertTouchpoints([row]);
      const rows = await store.listTouchpoints(A);
      expect(rows.filter((r) => r.event_id === 'dup')).toHaveLength(1);
    });

    it('keeps every conversion version and answers with the newest', async () => {
      const base = conversion({
        workspace_id: A,
        conversion_id: 'o-1',
        value: '100.5',
        version: 10,
        body_hash: 'x',
      });
      await store.writeConversions(
        [base],
        [
          {
            workspace_id: A,
            conversion_id: 'o-1',
            changed_at: 1,
            change: 'created',
            status: 'completed',
            previous_status: '',
            value: '100.5',
            refunded_value: '0',
            body_hash: 'x',
          },
        ],
      );
      await store.writeConversions(
        [{ ...base, status: 'refunded', refunded_value: '100.5', version: 20, body_hash: 'y' }],
        [
          {
            workspace_id: A,
            conversion_id: 'o-1',
            changed_at: 2,
            change: 'updated',
            status: 'refunded',
            previous_status: 'completed',
            value: '100.5',
            refunded_value: '100.5',
            body_hash: 'y',
          },
        ],
      );
      const current = await store.getConversions(A, ['o-1', 'missing']);
      expect(current.size).toBe(1);
      expect(current.get('o-1')).toMatchObject({
        status: 'refunded',
        version: 20,
        body_hash: 'y',
        value: '100.5',
      });
      const listed = await store.listConversions(A);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ conversion_id: 'o-1', status: 'refunded', refunded_value: '100.5' });
      const history = await store.conversionHistory(A, 'o-1');
      expect(history.map((h) => h.status)).toEqual(['completed', 'refunded']);
      expect(await store.getConversions(B, ['o-1'])).toEqual(new Map());
      expect(await store.listConversions(B)).toEqual([]);
    });

    it('keeps decimals exact', async () => {
      await store.writeConversions(
        [conversion({ workspace_id: A, conversion_id: 'o-dec', value: '0.1', tax: '1234567.8912' })],
        [],
      );
      const [row] = (await store.listConversions(A)).filter((c) => c.conversion_id === 'o-dec');
      expect(row).toMatchObject({ value: '0.1', tax: '1234567.8912', margin: null, new_customer: null });
    });

    it('stores identities and costs per workspace', async () => {
      await store.insertIdentities([
        { workspace_id: A, visitor_id: 'v1', customer_id: 'cust-1', ts: 5000 },
        { workspace_id: A, visitor_id: 'v1', customer_id: 'cust-1', ts: 1000 },
      ]);
      expect(await store.listIdentities(A)).toEqual([
        { workspace_id: A, visitor_id: 'v1', customer_id: 'cust-1', ts: 1000 },
      ]);
      expect(await store.listIdentities(B)).toEqual([]);
      await store.insertCosts([cost({ workspace_id: A }), cost({ workspace_id: B, amount: '99' })]);
      const costs = await store.listCosts(A);
      expect(costs).toHaveLength(1);
      expect(costs[0]).toMatchObject({ amount: '12.5', impressions: 1000, date: '2026-04-01' });
    });

    it('exports touchpoints then conversions of one workspace, with current status', async () => {
      const out = [];
      for await (const rec of store.exportEvents(A, 0, Date.UTC(2100, 0, 1))) out.push(rec);
      const kinds = out.map((r) => r.kind);
      expect(kinds.indexOf('conversion')).toBeGreaterThan(kinds.lastIndexOf('touchpoint'));
      expect(out.filter((r) => r.kind === 'touchpoint')).toHaveLength(4);
      const conv = out.find((r) => r.kind === 'conversion' && r.conversion_id === 'o-1');
      expect(conv).toMatchObject({ status: 'refunded' });
      expect(JSON.stringify(out)).not.toContain('secret-b');
      expect(out.every((r) => !('workspace_id' in r))).toBe(true);
    });

    it('answers experiment facts: first exposure per person, counted outcomes after it, base currency', async () => {
      const W = `ws_exp_${run}`;
      const at = (h: number) => Date.UTC(2026, 3, 10, h);
      const exp = (event_id: string, visitor_id: string, variant: string, h: number, over = {}) =>
        touchpoint({
          workspace_id: W,
          event_id,
          visitor_id,
          ts: at(h),
          experiment: 'hero',
          variant,
          ...over,
        });
      // A duplicate exposure (same event id, written twice) changes nothing; a bot is no unit;
      // u2 sees b then a (crossover, stays in b).
      await store.insertTouchpoints([
        exp('x1', 'u1', 'a', 9),
        exp('x2', 'u2', 'b', 9),
        exp('x3', 'u2', 'a', 11),
      ]);
      await store.insertTouchpoints([exp('x1', 'u1', 'a', 9), exp('x4', 'bot', 'a', 9, { is_bot: 1 })]);
      await store.insertTouchpoints([exp('x5', 'u5', 'b', 9, { workspace_id: `${W}_other` })]);
      await store.setFxRates(W, [{ currency: 'USD', date: '2026-04-01', rate: '0.5' }]);
      const c = (conversion_id: string, visitor_id: string, h: number, over = {}) =>
        conversion({
          workspace_id: W,
          conversion_id,
          customer_id: '',
          visitor_id,
          ts: at(h),
          value: '100',
          version: 1,
          body_hash: 'h',
          ...over,
        });
      await store.writeConversions(
        [
          c('o1', 'u1', 12), // u1: €100 after exposure
          c('o2', 'u2', 12, { currency: 'USD' }), // u2: $100 = €50
          c('o3', 'u2', 13, { status: 'refunded', refunded_value: '40' }), // u2: €60 net
          c('o4', 'u1', 13, { status: 'cancelled' }), // not counted
          c('o5', 'u1', 8, { value: '30' }), // before exposure: the covariate
          c('o6', 'u1', 14, { type: 'lead' }), // another type
          c('o7', 'bot', 12),
        ],
        [],
      );
      const facts = await store.experimentFacts(W, {
        key: 'hero',
        from: at(0),
        to: at(24),
        timeZone: 'Europe/Brussels',
        baseCurrency: 'EUR',
        conversionType: 'purchase',
        preDays: 1,
      });
      const by = Object.fromEntries(facts.variants.map((v) => [v.variant, v]));
      expect(by.a).toMatchObject({
        units: 1,
        converters: 1,
        orders: 1,
        revenue: 100,
        pre_revenue: 30,
        pre_cross: 3000,
        crossovers: 0,
      });
      expect(by.b).toMatchObject({
        units: 1,
        converters: 1,
        orders: 2,
        orders_sq: 4,
        revenue: 110,
        revenue_sq: 12100,
        revenue_orders: 220,
        crossovers: 1,
      });
      expect(facts.segments.filter((s) => s.dimension === 'day')).toEqual([
        { dimension: 'day', segment: '2026-04-10', variant: 'a', units: 1 },
        { dimension: 'day', segment: '2026-04-10', variant: 'b', units: 1 },
      ]);
      expect(await store.visitorsEntering(W, { from: at(0), to: at(24) })).toBe(2);
    });

    it('reports recent event ids and its size on disk', async () => {
      const ids = await store.recentEventIds(0);
      const capped = await store.recentEventIds(0, 1);
      expect(capped.filter((r) => r.workspace_id === A)).toHaveLength(1);
      expect(ids.filter((r) => r.workspace_id === A).map((r) => r.event_id)).toContain('e1');
      expect(await store.diskBytes()).toBeGreaterThan(0);
    });

    if (reopen) {
      it('keeps data across a restart', async () => {
        await store.close();
        store = await reopen();
        const rows = await store.listTouchpoints(A);
        expect(rows.map((r) => r.event_id).sort()).toEqual(['dup', 'e1', 'e2', 'full']);
      });
    }
  });
}
