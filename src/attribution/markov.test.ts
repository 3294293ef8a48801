import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELATTRIBUTION_DATA_CSV } from '../../test/fixtures/attribution/refdata.js';
import { markov } from './markov.js';
import { parsePathsFile } from './paths-file.js';
import type { AggregatedPath } from './types.js';

const p = (path: string, conversions: number, nulls: number, value = conversions): AggregatedPath => ({
  channels: path ? path.split(' > ') : [],
  conversions,
  value,
  nulls,
});
const byChannel = <T extends { channel: string }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [r.channel, r]));

describe('markov, worked by hand', () => {
  // Three channels: C1 > C2 > C3 converts once (value 100); C1 alone and C2 > C3 do not.
  // P: start→C1 2/3, start→C2 1/3, C1→C2 1/2, C1→null 1/2, C2→C3 1, C3→conv 1/2, C3→null 1/2.
  // x(C3) = 1/2, x(C2) = 1/2, x(C1) = 1/4, P = 2/3·1/4 + 1/3·1/2 = 1/3 (= 1 conversion / 3 journeys).
  // Without C1: P = 1/3·1/2 = 1/6 → RE 1/2. Without C2 or C3: P = 0 → RE 1. Shares 0.2, 0.4, 0.4.
  const paths = [p('C1 > C2 > C3', 1, 0, 100), p('C1', 0, 1), p('C2 > C3', 0, 1)];
  it('removal effects and credit of a 3-channel example (exact to 1e-12)', () => {
    const m = markov(paths, 1);
    expect(m.conversion_probability).toBeCloseTo(1 / 3, 12);
    const re = byChannel(m.removal_effects);
    expect(re.C1!.conversion_probability_without).toBeCloseTo(1 / 6, 12);
    expect(re.C1!.removal_effect).toBeCloseTo(0.5, 12);
    expect(re.C2!.removal_effect).toBeCloseTo(1, 12);
    expect(re.C3!.removal_effect).toBeCloseTo(1, 12);
    expect(re.C1!.share).toBeCloseTo(0.2, 12);
    const credit = byChannel(m.credit);
    expect(credit.C1).toMatchObject({ conversions: expect.closeTo(0.2, 12), value: expect.closeTo(20, 10) });
    expect(credit.C2).toMatchObject({ conversions: expect.closeTo(0.4, 12), value: expect.closeTo(40, 10) });
    expect(credit.C3).toMatchObject({ conversions: expect.closeTo(0.4, 12), value: expect.closeTo(40, 10) });
  });

  it('value removal effects (ChannelAttribution "on revenue"): the same chain, value as the reward', () => {
    // 3-channel example: C3 → conversion carries 100 per conversion, 50 per departure from C3.
    // V = 2/3·(1/2·1·50) + 1/3·50 = 100/3 (all value / all journeys); without C1, V = 1/3·50 → RE 1/2.
    const m = markov(paths, 1);
    expect(m.value_per_journey).toBeCloseTo(100 / 3, 12);
    expect(byChannel(m.removal_effects).C1!.removal_effect_value).toBeCloseTo(0.5, 12);
    // A (value 10) and B (value 90) convert once each, alone: RE(A) = RE(B) = 1/2 on conversions,
    // but V = 50, without A V = 45 → 0.1, without B V = 5 → 0.9; shares of value 0.1 and 0.9.
    const ab = markov([p('A', 1, 0, 10), p('B', 1, 0, 90)], 1);
    const re = byChannel(ab.removal_effects);
    expect(re.A!.removal_effect).toBeCloseTo(0.5, 12);
    expect(re.A!.removal_effect_value).toBeCloseTo(0.1, 12);
    expect(re.B!.removal_effect_value).toBeCloseTo(0.9, 12);
    expect(re.B!.share_value).toBeCloseTo(0.9, 12);
  });

  it('exports the transition matrix (rows sum to 1)', () => {
    const rows = markov(paths, 1).transitions();
    const get = (from: string, to: string) => rows.find((r) => r.from === from && r.to === to)?.probability;
    expect(get('(start)', 'C1')).toBeCloseTo(2 / 3, 12);
    expect(get('C1', '(null)')).toBeCloseTo(1 / 2, 12);
    expect(get('C3', '(conversion)')).toBeCloseTo(1 / 2, 12);
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(r.from, (sums.get(r.from) ?? 0) + r.probability);
    for (const s of sums.values()) expect(s).toBeCloseTo(1, 12);
  });

  it('a self-loop is solved in closed form: A > A converts, A alone does not → P = 1/2', () => {
    // A→A 1/3, A→conv 1/3, A→null 1/3: x = (1/3)/(1 − 1/3) = 1/2.
    const m = markov([p('A > A', 1, 0), p('A', 0, 1)], 1);
    expect(m.conversion_probability).toBeCloseTo(0.5, 14);
    expect(m.credit).toEqual([{ channel: 'A', conversions: 1, value: 1 }]);
  });

  // One journey of 5,000 touches alternating a, b (converts once, fails once) and three journeys "a"
  // that fail: 1 conversion in 5 journeys, and the chain reproduces the data's rate, P = 1/5 exactly.
  // Small chains are solved directly; 250 channels in a cycle force the Gauss–Seidel path, whose
  // contraction per sweep is slow (≈ 1 − 1/2,500) — it must not stop early. Tolerance 1e-13.
  it.each([
    ['direct solve', (i: number) => (i % 2 ? 'b' : 'a'), 'a'],
    ['Gauss–Seidel', (i: number) => `c${i % 250}`, 'c0'],
  ])('long cyclic paths (%s) still give P exactly', (_name, label, alone) => {
    const long = Array.from({ length: 5000 }, (_, i) => label(i));
    for (const order of [1, 2]) {
      const m = markov([p(long.join(' > '), 1, 1), p(alone, 0, 3)], order);
      expect(Math.abs(m.conversion_probability - 0.2)).toBeLessThan(1e-13);
    }
  });

  it('ties: symmetric channels share equally', () => {
    const m = markov([p('A > B', 1, 1), p('B > A', 1, 1)], 1);
    const re = byChannel(m.removal_effects);
    expect(re.A!.removal_effect).toBeCloseTo(re.B!.removal_effect!, 14);
    expect(byChannel(m.credit).A!.conversions).toBeCloseTo(1, 12);
  });

  it('order 2 states hold the last two channels', () => {
    const rows = markov([p('A > B > C', 1, 0)], 2).transitions();
    expect(rows.map((r) => `${r.from} → ${r.to}`)).toEqual([
      '(start) → A',
      'A → A > B',
      'A > B → B > C',
      'B > C → (conversion)',
    ]);
  });

  it('conversions without touchpoint go to Direct; zero conversions give null effects, not NaN', () => {
    const m = markov([p('', 3, 0, 30), p('A', 0, 2)], 1);
    expect(m.credit).toEqual([
      { channel: 'A', conversions: 0, value: 0 },
      { channel: 'Direct', conversions: 3, value: 30 },
    ]);
    expect(m.removal_effects).toEqual([
      {
        channel: 'A',
        conversion_probability_without: 0,
        removal_effect: null,
        share: null,
        value_without: 0,
        removal_effect_value: null,
        share_value: null,
      },
    ]);
  });

  it.each([0, 5, 1.5, Number.NaN])('refuses order %f', (order) =>
    expect(() => markov([p('A', 1, 0)], order)).toThrow(/order: must be an integer from 1 to 4/),
  );
});

describe.skipIf(!CHANNELATTRIBUTION_DATA_CSV)(
  'markov on ChannelAttribution Data.csv against the numpy/scipy reference',
  () => {
    // test/fixtures/attribution/markov_reference.py: dict-built chain, direct sparse LU solve.
    const ref = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../test/fixtures/attribution/data-csv-reference.json'),
        'utf8',
      ),
    );
    const paths = parsePathsFile(readFileSync(CHANNELATTRIBUTION_DATA_CSV!, 'utf8'));
    it.each([1, 2, 3, 4])('order %i: P, removal effects (1e-10) and credit (1e-6 conversions)', (order) => {
      const want = ref.markov[String(order)];
      const m = markov(paths, order);
      expect(m.conversion_probability).toBeCloseTo(want.conversion_probability, 12);
      for (const e of m.removal_effects) {
        expect(e.removal_effect).toBeCloseTo(want.removal_effects[e.channel], 10);
        expect(e.removal_effect_value).toBeCloseTo(want.removal_effects_value[e.channel], 10);
      }
      expect(m.value_per_journey).toBeCloseTo(want.value_per_journey, 12);
      for (const c of m.credit) {
        expect(c.conversions).toBeCloseTo(want.credit[c.channel].conversions, 6);
        expect(c.value).toBeCloseTo(want.credit[c.channel].value, 6);
      }
      // The chain reproduces the data's own conversion rate, whatever the order.
      expect(m.conversion_probability).toBeCloseTo(
        ref.totals.conversions / (ref.totals.conversions + ref.totals.nulls),
        12,
      );
    });
  },
);
