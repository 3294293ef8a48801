import { describe, expect, it } from 'vitest';
import { bootstrapShares, quantile } from './bootstrap.js';
import { markov } from './markov.js';
import { logGamma, poisson, seededRandom } from './rng.js';
import type { AggregatedPath } from './types.js';

describe('quantile (numpy default, linear interpolation)', () => {
  // numpy 2.4: np.quantile([1,2,3,4], 0.25) = 1.75; 0.975 → 3.925; [5] → 5
  it.each([
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0.975, 3.925],
    [[5], 0.5, 5],
  ])('%j at %f', (xs, q, want) => expect(quantile(xs, q)).toBeCloseTo(want, 12));
  it('is null on no values', () => expect(quantile([], 0.5)).toBeNull());
});

describe('random draws', () => {
  it.each([
    [1, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [101, 363.73937555556347], // ln(100!) (scipy.special.gammaln(101))
  ])('ln Γ(%f)', (x, want) => expect(logGamma(x)).toBeCloseTo(want, 9));

  // Mean and variance of 40,000 seeded Poisson draws are λ within 4 standard errors
  // (se(mean) = √(λ/n); se(var) ≈ λ·√(2/n) for large λ, plus √(λ/n) for the small-λ excess kurtosis).
  it.each([0.3, 3.5, 12, 250, 40_000])('Poisson(%f)', (lambda) => {
    const rnd = seededRandom(42);
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const k = poisson(lambda, rnd);
      if (!Number.isInteger(k) || k < 0) bad++;
      s += k;
      s2 += k * k;
    }
    expect(bad).toBe(0);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    expect(Math.abs(variance - lambda)).toBeLessThan(4 * (lambda * Math.sqrt(2 / n) + Math.sqrt(lambda / n)));
  });
});

describe('bootstrapShares', () => {
  const paths: AggregatedPath[] = [
    { channels: ['A', 'B'], conversions: 40, value: 400, nulls: 60 },
    { channels: ['A'], conversions: 30, value: 300, nulls: 170 },
    { channels: ['B', 'C'], conversions: 10, value: 100, nulls: 90 },
    { channels: ['C'], conversions: 2, value: 20, nulls: 98 },
  ];
  const fit = (p: AggregatedPath[]) => markov(p, 1).credit;
  it('is reproducible with a seed, brackets the point estimate and narrows with more data', () => {
    const a = bootstrapShares(paths, fit, { replicates: 300, seed: 3 });
    expect(bootstrapShares(paths, fit, { replicates: 300, seed: 3 })).toEqual(a);
    for (const r of a) {
      expect(r.lower!).toBeLessThanOrEqual(r.share!);
      expect(r.upper!).toBeGreaterThanOrEqual(r.share!);
    }
    const big = bootstrapShares(
      paths.map((p) => ({
        ...p,
        conversions: p.conversions * 100,
        value: p.value * 100,
        nulls: p.nulls * 100,
      })),
      fit,
      { replicates: 300, seed: 3 },
    );
    const width = (rows: typeof a, ch: string) => {
      const r = rows.find((x) => x.channel === ch)!;
      return r.upper! - r.lower!;
    };
    // √100 = 10 times more data → about a tenth of the width
    expect(width(big, 'A') / width(a, 'A')).toBeGreaterThan(0.05);
    expect(width(big, 'A') / width(a, 'A')).toBeLessThan(0.2);
  });
  it.each([
    [{ replicates: 1 }, /bootstrap/],
    [{ level: 1 }, /level/],
  ])('refuses %j', (o, msg) => expect(() => bootstrapShares(paths, fit, o)).toThrow(msg));
});
