import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-set.js';

describe('BoundedMap', () => {
  it('keeps the last `capacity` keys, forgets older generations whole', () => {
    const m = new BoundedMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) m.set(k, i);
    // a, b, c fill the first generation; d starts the second: all four are remembered.
    expect(['a', 'b', 'c', 'd'].map((k) => m.get(k))).toEqual([0, 1, 2, 3]);
    for (const [i, k] of ['e', 'f', 'g'].entries()) m.set(k, 4 + i);
    // g starts a third generation: the first (a, b, c) is dropped.
    expect(['a', 'b', 'c'].map((k) => m.has(k))).toEqual([false, false, false]);
    expect(['d', 'e', 'f', 'g'].map((k) => m.get(k))).toEqual([3, 4, 5, 6]);
    expect(m.size).toBe(4);
  });

  it('a refreshed key moves to the newest generation and is counted once', () => {
    const m = new BoundedMap<string, string>(2);
    m.set('a', '1');
    m.set('b', '2');
    m.set('c', '3'); // generations: {a, b}, {c}
    m.set('a', '4'); // a leaves the old generation
    expect(m.size).toBe(3);
    m.set('d', '5');
    m.set('e', '6'); // {c, a} becomes the old generation: b is dropped, a kept
    expect([m.get('a'), m.has('b'), m.get('e')]).toEqual(['4', false, '6']);
  });

  it('stores undefined values faithfully', () => {
    const m = new BoundedMap<string, undefined>(1);
    m.set('x', undefined);
    expect(m.has('x')).toBe(true);
    expect(m.get('x')).toBeUndefined();
  });

  it('property: the last `capacity` distinct keys are always there, never more than 2 × capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 50 })), (cap, keys) => {
        const m = new BoundedMap<number, number>(cap);
        keys.forEach((k, i) => m.set(k, i));
        const recent: number[] = [];
        for (let i = keys.length - 1; i >= 0 && recent.length < cap; i--)
          if (!recent.includes(keys[i]!)) recent.push(keys[i]!);
        for (const k of recent) expect(m.get(k)).toBe(keys.lastIndexOf(k));
        expect(m.size).toBeLessThanOrEqual(2 * cap);
      }),
    );
  });

  it('property: addIfAbsent answers as has-then-set would, and keeps the same keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.integer({ min: 0, max: 30 })), (cap, keys) => {
        const a = new BoundedMap<number, true>(cap);
        const b = new BoundedMap<number, true>(cap);
        for (const k of keys) {
          const fresh = !b.has(k);
          if (fresh) b.set(k, true);
          expect(a.addIfAbsent(k, true)).toBe(fresh);
        }
        for (let k = 0; k <= 30; k++) expect(a.has(k)).toBe(b.has(k));
        expect(a.size).toBeLessThanOrEqual(2 * cap);
      }),
    );
  });
});
