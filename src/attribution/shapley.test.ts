import { describe, expect, it } from 'vitest';
import { shapley } from './shapley.js';
import type { AggregatedPath } from './types.js';

const p = (path: string, conversions: number, nulls: number, value = conversions): AggregatedPath => ({
  channels: path ? path.split(' > ') : [],
  conversions,
  value,
  nulls,
});
const byChannel = <T extends { channel: string }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [r.channel, r]));

describe('shapley, worked by hand', () => {
  // rate({A}) = 1/2, rate({B}) = 0, rate({A,B}) = 2/4 = 1/2.
  // v(∅) = 0, v(A) = 1/2, v(B) = 0, v(AB) = 1.
  // φ(A) = ½(v(A) − v(∅)) + ½(v(AB) − v(B)) = ¼ + ½ = ¾;  φ(B) = ½·0 + ½(1 − ½) = ¼.
  // Credit: path A (1 conversion) → A; path A > B (2) → A 2·¾ = 1.5, B 0.5. A = 2.5, B = 0.5.
  const paths = [p('A', 1, 1, 10), p('B', 0, 2), p('A > B', 2, 2, 40)];
  it('values, worths and credit (exact to 1e-12)', () => {
    const s = shapley(paths);
    expect(s.method).toBe('exact');
    const v = byChannel(s.values);
    expect(v.A!.shapley_value).toBeCloseTo(0.75, 12);
    expect(v.B!.shapley_value).toBeCloseTo(0.25, 12);
    expect(v.A!.share).toBeCloseTo(0.75, 12);
    const c = byChannel(s.credit);
    expect(c.A).toMatchObject({ conversions: expect.closeTo(2.5, 12), value: expect.closeTo(10 + 30, 10) });
    expect(c.B).toMatchObject({ conversions: expect.closeTo(0.5, 12), value: expect.closeTo(10, 10) });
    const worth = Object.fromEntries(s.coalitions().map((k) => [k.channels.join('+') || '∅', k.worth]));
    expect(worth).toEqual({ '∅': 0, A: 0.5, B: 0, 'A+B': 1 });
  });

  it('ties: two channels always seen together split equally', () => {
    const s = shapley([p('A > B', 3, 1), p('B > A', 1, 3)]);
    expect(byChannel(s.credit).A!.conversions).toBeCloseTo(2, 12);
  });

  it('a single-touch path gives its channel everything; no touchpoint → Direct', () => {
    const s = shapley([p('A', 2, 0, 5), p('', 1, 0, 7)]);
    expect(s.credit).toEqual([
      { channel: 'A', conversions: 2, value: 5 },
      { channel: 'Direct', conversions: 1, value: 7 },
    ]);
  });

  // Oracle: with v(S) = Σ_{T⊆S} rate(T), φ(c) = Σ_{T∋c} rate(T)/|T| (each T is a unanimity game; Zhao et
  // al. 2018, "simplified Shapley value"). Five channels, random-looking counts.
  const five = [
    p('a > b', 3, 7),
    p('b > c > a', 5, 2),
    p('d', 1, 9),
    p('e > a > e', 4, 4),
    p('c > d > e > b', 2, 1),
    p('b', 0, 6),
  ];
  const oracle = (paths: AggregatedPath[]) => {
    const phi = new Map<string, number>();
    const sets = new Map<string, { set: string[]; conv: number; all: number }>();
    for (const x of paths) {
      const set = [...new Set(x.channels)].sort();
      const k = set.join();
      const t = sets.get(k) ?? { set, conv: 0, all: 0 };
      t.conv += x.conversions;
      t.all += x.conversions + x.nulls;
      sets.set(k, t);
    }
    for (const t of sets.values())
      for (const c of t.set) phi.set(c, (phi.get(c) ?? 0) + t.conv / t.all / t.set.length);
    return phi;
  };
  // The classical formula over all 2ⁿ coalitions, from the exported worths: an oracle independent
  // of the closed form the model uses.
  const classical = (s: ReturnType<typeof shapley>) => {
    const rows = s.coalitions();
    const labels = s.values.map((v) => v.channel);
    const n = labels.length;
    const worth = new Map(rows.map((r) => [r.channels.join('+'), r.worth]));
    const key = (set: string[]) => [...set].sort().join('+');
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const phi = new Map<string, number>();
    for (const r of rows)
      for (const c of labels) {
        if (r.channels.includes(c)) continue;
        const k = r.channels.length;
        const gain = worth.get(key([...r.channels, c]))! - r.worth;
        phi.set(c, (phi.get(c) ?? 0) + ((fact(k) * fact(n - k - 1)) / fact(n)) * gain);
      }
    return phi;
  };
  it('equals the closed form Σ rate(T)/|T| and the classical formula over all 32 coalitions (1e-12)', () => {
    const want = oracle(five);
    const s = shapley(five);
    expect(s.coalitions()).toHaveLength(32);
    const viaCoalitions = classical(s);
    for (const v of s.values) {
      expect(v.shapley_value).toBeCloseTo(want.get(v.channel)!, 12);
      expect(v.shapley_value).toBeCloseTo(viaCoalitions.get(v.channel)!, 12);
    }
  });
  it('beyond maxExactChannels the values stay exact: the same as with every coalition enumerated', () => {
    const s = shapley(five, { maxExactChannels: 0 });
    expect(s.method).toBe('exact');
    expect(s.values).toEqual(shapley(five).values);
  });

  it('keys coalitions the same way beyond 53 labels (60 channels; the closed form, 1e-12)', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      p(`c${i} > c${(i * 7) % 60} > c${(i * 13) % 60}`, (i % 5) + 1, (i % 3) + 1),
    );
    // Two paths with the same channel set in another order share one coalition.
    many.push(p('c13 > c7 > c1', 2, 2));
    const want = oracle(many);
    for (const v of shapley(many).values) expect(v.shapley_value).toBeCloseTo(want.get(v.channel)!, 12);
  });

  it('refuses a bad maxExactChannels', () =>
    expect(() => shapley(five, { maxExactChannels: 30 })).toThrow(/max_exact_channels/));
});

describe('shapley coalitions export beyond maxExactChannels', () => {
  it('each observed coalition with its worth Σ_{T⊆S} rate(T)', () => {
    const s = shapley(
      [
        { channels: ['a'], conversions: 1, value: 1, nulls: 1 },
        { channels: ['b', 'a'], conversions: 1, value: 1, nulls: 3 },
        { channels: ['c'], conversions: 0, value: 0, nulls: 2 },
      ],
      { maxExactChannels: 0 },
    );
    // rate(a) = 1/2, rate(ab) = 1/4, rate(c) = 0 → worth(a) = 1/2, worth(ab) = 3/4, worth(c) = 0
    expect(s.coalitions().map((c) => [c.channels.join('+'), c.conversion_rate, c.worth])).toEqual([
      ['a', 0.5, 0.5],
      ['a+b', 0.25, 0.75],
      ['c', 0, 0],
    ]);
  });
});
