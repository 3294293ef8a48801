// Invariants of every model (fast-check): credit sums to the conversions and their value, results do
// not depend on input order, a channel absent from every converting path gets 0, and transaction-level
// credit adds up to the channel totals. Sums compared to 1e-9 relative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregatePaths } from './aggregate.js';
import { attributeAggregated, attributeConversions, MODELS, type ModelName } from './models.js';
import { transactionCredit } from './transaction.js';
import type { AggregatedPath, ConversionPath, NonConvertingPath } from './types.js';

const CHANNELS = ['Paid Search', 'Email', 'Affiliate', 'Direct', 'Display'];
const AGG_MODELS = MODELS.filter((m) => m !== 'time_decay');
const pathArb = fc.record({
  channels: fc.array(fc.constantFrom(...CHANNELS), { maxLength: 6 }),
  conversions: fc.integer({ min: 0, max: 5 }),
  value: fc.double({ min: 0, max: 500, noNaN: true }),
  nulls: fc.integer({ min: 0, max: 5 }),
});
const pathsArb = fc.array(pathArb, { minLength: 1, maxLength: 25 });
const sum = (xs: Array<{ conversions: number; value: number }>, k: 'conversions' | 'value') =>
  xs.reduce((a, x) => a + x[k], 0);
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe('aggregated paths, every model that takes them', () => {
  it('credit sums to conversions and value', () => {
    fc.assert(
      fc.property(pathsArb, (paths) => {
        for (const r of attributeAggregated(paths, AGG_MODELS, { order: 2 })) {
          close(sum(r.channels, 'conversions'), sum(paths, 'conversions'));
          close(sum(r.channels, 'value'), sum(paths, 'value'));
          for (const c of r.channels) expect(c.conversions).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the paths', () => {
    fc.assert(
      fc.property(pathsArb, fc.integer(), (paths, seed) => {
        const shuffled = [...paths].sort((a, b) => hash(a, seed) - hash(b, seed));
        const a = attributeAggregated(paths, AGG_MODELS, { order: 3 });
        const b = attributeAggregated(shuffled, AGG_MODELS, { order: 3 });
        a.forEach((r, i) => {
          expect(b[i]!.channels.map((c) => c.channel)).toEqual(r.channels.map((c) => c.channel));
          r.channels.forEach((c, j) => {
            close(b[i]!.channels[j]!.conversions, c.conversions);
            close(b[i]!.channels[j]!.value, c.value);
          });
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a channel absent from every converting path gets 0', () => {
    fc.assert(
      fc.property(
        pathsArb,
        fc.array(fc.constantFrom(...CHANNELS), { maxLength: 3 }),
        fc.integer({ min: 1, max: 9 }),
        (paths, around, n) => {
          const withZ: AggregatedPath[] = [
            ...paths,
            { channels: [...around, 'Z', ...around], conversions: 0, value: 0, nulls: n },
          ];
          for (const r of attributeAggregated(withZ, AGG_MODELS, { order: 1 })) {
            const z = r.channels.find((c) => c.channel === 'Z');
            expect(z?.conversions ?? 0).toBe(0);
            expect(z?.value ?? 0).toBe(0);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

const DAY = 86_400_000;
const convArb = fc.record({
  conversionId: fc.uuid(),
  timestamp: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
  value: fc.double({ min: 0, max: 1000, noNaN: true }),
  touchpoints: fc.array(
    fc.record({ channel: fc.constantFrom(...CHANNELS), ago: fc.integer({ min: 0, max: 30 * DAY }) }),
    { maxLength: 6 },
  ),
});
const toConversion = (c: {
  conversionId: string;
  timestamp: number;
  value: number;
  touchpoints: Array<{ channel: string; ago: number }>;
}): ConversionPath => ({
  conversionId: c.conversionId,
  timestamp: c.timestamp,
  value: c.value,
  touchpoints: c.touchpoints
    .map((t) => ({ channel: t.channel, timestamp: c.timestamp - t.ago, kind: 'click' as const }))
    .sort((a, b) => a.timestamp - b.timestamp),
});

describe('conversions with timestamps, all eight models', () => {
  it('credit sums to conversions and value; transaction-level credit adds up to the totals', () => {
    fc.assert(
      fc.property(
        fc.array(convArb, { minLength: 1, maxLength: 20 }),
        fc.array(fc.array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 4 }), { maxLength: 10 }),
        (raw, nullPaths) => {
          const conversions = raw.map(toConversion);
          const nonConverting: NonConvertingPath[] = nullPaths.map((p) => ({
            touchpoints: p.map((channel) => ({ channel, timestamp: 0, kind: 'click' as const })),
          }));
          const results = attributeConversions(conversions, nonConverting, [...MODELS], { halfLifeDays: 3 });
          const rows = [...transactionCredit(conversions, results, { halfLifeDays: 3 })];
          for (const r of results) {
            close(sum(r.channels, 'conversions'), conversions.length);
            close(
              sum(r.channels, 'value'),
              conversions.reduce((a, c) => a + c.value, 0),
            );
            const mine = rows.filter((x) => x.model === r.model);
            for (const c of r.channels) {
              const t = mine.filter((x) => x.channel === c.channel);
              close(sum(t, 'conversions'), c.conversions);
              close(sum(t, 'value'), c.value);
            }
            // each conversion's touchpoint credits sum to 1
            const per = new Map<string, number>();
            for (const x of mine) per.set(x.conversion_id, (per.get(x.conversion_id) ?? 0) + x.conversions);
            for (const v of per.values()) close(v, 1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('aggregating then attributing equals attributing conversions (rule-based, no timestamps needed)', () => {
    fc.assert(
      fc.property(fc.array(convArb, { minLength: 1, maxLength: 20 }), (raw) => {
        const conversions = raw.map(toConversion);
        const models: ModelName[] = [
          'first_click',
          'last_click',
          'linear',
          'position_based',
          'last_non_direct',
        ];
        const a = attributeConversions(conversions, [], models);
        const b = attributeAggregated(aggregatePaths(conversions), models);
        a.forEach((r, i) =>
          r.channels.forEach((c, j) => close(b[i]!.channels[j]!.conversions, c.conversions)),
        );
      }),
      { numRuns: 50 },
    );
  });
});

function hash(p: AggregatedPath, seed: number): number {
  let h = seed | 0;
  for (const ch of JSON.stringify(p)) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1);
  return h;
}
