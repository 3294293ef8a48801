import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';
import { normalTwoSidedP } from './distributions.js';
import { estimate } from './metrics.js';
import { msprt } from './sequential.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('mSPRT against the normal-mixture confidence sequence of Howard et al. (2021) in numpy', () => {
  // The reference writes the width in σ², N and ρ (eq. 14) — a different form of the same bound. 1e-12.
  it.each(ref.msprt)('$input', ({ input, p, ci }) => {
    const [d, V, N, alpha, nstar] = input as number[];
    const r = msprt(d!, V!, N!, alpha!, nstar!)!;
    expect(r.pValue).toBeCloseTo(p, 12);
    expect(r.ci[0]).toBeCloseTo(ci[0]!, 12);
    expect(r.ci[1]).toBeCloseTo(ci[1]!, 12);
  });
  it('p ≤ alpha exactly when 0 lies outside the interval', () => {
    for (const d of [0.001, 0.005, 0.0075, 0.01, 0.02]) {
      const r = msprt(d, 1e-5, 20_000, 0.05)!;
      expect(r.pValue <= 0.05).toBe(r.ci[0] > 0 || r.ci[1] < 0);
    }
  });
  it('is wider than the fixed-horizon interval', () => {
    const r = msprt(0.01, 1e-5, 20_000, 0.05)!;
    expect(r.ci[1] - r.ci[0]).toBeGreaterThan(2 * 1.96 * Math.sqrt(1e-5));
  });
  it('gives null without variance', () => {
    expect(msprt(0, 0, 100, 0.05)).toBeNull();
  });
});

/** mulberry32, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Binomial(n, p) by inversion of the CDF (exact; fine for np ≈ 50). */
function binomial(rand: () => number, n: number, p: number): number {
  const u = rand();
  const q = p / (1 - p);
  let pk = (1 - p) ** n;
  let cdf = pk;
  let k = 0;
  while (u > cdf && k < n) {
    pk *= (q * (n - k)) / (k + 1);
    k++;
    cdf += pk;
  }
  return k;
}

describe('simulation: peeking every day at an A/A test (seeded)', () => {
  // 2,000 A/A experiments, 30 daily looks, 500 units per arm per day, CVR 5%. Under the null the
  // fixed-horizon z test "finds" a winner at some look far more often than alpha (the peeking
  // problem: ~20–25% for 30 looks); the mSPRT's always-valid p-value stays below alpha (Ville).
  it('mSPRT false-positive rate ≤ alpha, fixed-horizon z test well above it', () => {
    const rand = prng(42);
    const sims = 2000;
    const days = 30;
    const perDay = 500;
    const alpha = 0.05;
    let fixedHits = 0;
    let seqHits = 0;
    for (let s = 0; s < sims; s++) {
      let na = 0;
      let ca = 0;
      let nb = 0;
      let cb = 0;
      let fixed = false;
      let seq = false;
      for (let d = 0; d < days; d++) {
        na += perDay;
        nb += perDay;
        ca += binomial(rand, perDay, 0.05);
        cb += binomial(rand, perDay, 0.05);
        const c = compare(
          estimate({ kind: 'proportion', units: na, conversions: ca }),
          estimate({ kind: 'proportion', units: nb, conversions: cb }),
          alpha,
          'z',
        );
        if (c.statistic === null) continue;
        if (normalTwoSidedP(c.statistic) < alpha) fixed = true;
        const m = msprt(c.absoluteLift!, c.standardError! ** 2, na + nb, alpha);
        if (m && m.pValue <= alpha) seq = true;
      }
      if (fixed) fixedHits++;
      if (seq) seqHits++;
    }
    const fixedRate = fixedHits / sims;
    const seqRate = seqHits / sims;
    // Binomial sd of a rate near 0.05 over 2,000 runs is ~0.005: the bounds leave room for noise.
    expect(seqRate).toBeLessThanOrEqual(alpha);
    expect(fixedRate).toBeGreaterThan(2 * alpha);
  });
});
