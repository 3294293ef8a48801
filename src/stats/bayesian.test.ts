import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaBinomial, betaRange, normalPosterior } from './bayesian.js';
import { betaQuantile } from './distributions.js';
import { StatsInputError } from './errors.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('beta-binomial against scipy integrate.quad on scipy.stats.beta', () => {
  // Beta(1, 1) prior. Tolerance 1e-6 absolute on probabilities and losses, 1e-9 on credible bounds.
  it.each(ref.betaBinomial)('$variants', ({ variants, best, beat, loss, ci }) => {
    const r = betaBinomial(
      variants.map(([units, conversions]) => ({ units: units!, conversions: conversions! })),
    );
    r.forEach((v, k) => {
      expect(Math.abs(v.chanceToBeBest! - best[k]!)).toBeLessThan(1e-6);
      expect(v.credibleInterval[0]).toBeCloseTo(ci[k]![0]!, 9);
      expect(v.credibleInterval[1]).toBeCloseTo(ci[k]![1]!, 9);
      if (k === 0) return;
      expect(Math.abs(v.chanceToBeatControl! - beat[k - 1]!)).toBeLessThan(1e-6);
      expect(Math.abs(v.expectedLoss! - loss[k - 1]!)).toBeLessThan(1e-7);
    });
  });
  it("agrees with Evan Miller's closed form for P(B > A) (10/100 vs 15/100)", () => {
    const r = betaBinomial([
      { units: 100, conversions: 10 },
      { units: 100, conversions: 15 },
    ]);
    expect(Math.abs(r[1]!.chanceToBeatControl! - ref.betaBinomial[0]!.miller!)).toBeLessThan(1e-6);
  });
  it('is deterministic and symmetric: swapping equal variants gives equal chances', () => {
    const r = betaBinomial([
      { units: 500, conversions: 40 },
      { units: 500, conversions: 40 },
    ]);
    expect(r[1]!.chanceToBeatControl).toBeCloseTo(0.5, 7);
    expect(r[0]!.chanceToBeBest).toBeCloseTo(0.5, 7);
  });
  it('chances to be best sum to 1 and lie in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 50_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
            .map(([n, f]) => ({ units: n, conversions: Math.floor(n * f) })),
          { minLength: 2, maxLength: 5 },
        ),
        (vs) => {
          const r = betaBinomial(vs);
          const s = r.reduce((a, v) => a + v.chanceToBeBest!, 0);
          expect(s).toBeCloseTo(1, 9);
          for (const v of r) {
            for (const x of [v.chanceToBeBest!, v.chanceToBeatControl ?? 0, v.expectedLoss ?? 0])
              expect(Number.isFinite(x) && x >= 0 && x <= 1).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
  it('far-apart, very narrow posteriors (0% vs 99.97%, found by fast-check) stay within [0, 1]', () => {
    const r = betaBinomial([
      { units: 7651, conversions: 7649 },
      { units: 31220, conversions: 0 },
      { units: 0, conversions: 0 },
    ]);
    // E[max(θ_c − θ_1, 0)] = mean difference here: 7650/7653 − 1/31222 (Beta(1,1) prior), 1e-5.
    expect(r[1]!.expectedLoss!).toBeCloseTo(7650 / 7653 - 1 / 31222, 5);
    expect(r[1]!.chanceToBeatControl).toBe(0);
    // Beta(1, 1) against Beta(7650, 3): P = 1 − E[θ_c] under the uniform = 3/7653, 1e-6.
    expect(r[2]!.chanceToBeatControl!).toBeCloseTo(3 / 7653, 6);
  });
  it.each([
    [[{ units: 10, conversions: 1 }], /variants: need a control/],
    [
      [
        { units: 10, conversions: 11 },
        { units: 10, conversions: 1 },
      ],
      /conversions: exceeds units/,
    ],
    [
      [
        { units: -1, conversions: 0 },
        { units: 10, conversions: 1 },
      ],
      /units: must not be negative/,
    ],
  ])('refuses bad input %#', (vs, msg) => {
    expect(() => betaBinomial(vs)).toThrow(StatsInputError);
    expect(() => betaBinomial(vs)).toThrow(msg);
  });
});

describe('betaRange holds all but 1e-12 of the mass (property, against stdlib beta quantiles)', () => {
  it('for Beta(1 + c, 1 + n − c)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const c = Math.floor(n * f);
          const a = 1 + c;
          const b = 1 + n - c;
          const r = betaRange(a, b);
          expect(r.lo).toBeLessThanOrEqual(betaQuantile(1e-12, a, b));
          expect(r.hi).toBeGreaterThanOrEqual(betaQuantile(1 - 1e-12, a, b));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('normal posterior against scipy quad', () => {
  // Tolerance 1e-7 on chance to be best; beat and loss: closed forms vs scipy (1e-12).
  it.each(ref.normalPosterior)('$means', ({ means, sds, best, beat, loss }) => {
    const r = normalPosterior(
      means.map((m, i) => ({ units: 1000, value: m, variance: sds[i]! ** 2, unitVariance: null })),
    );
    r.forEach((v, k) => {
      expect(Math.abs(v!.chanceToBeBest! - best[k]!)).toBeLessThan(1e-7);
      if (k === 0) return;
      expect(v!.chanceToBeatControl).toBeCloseTo(beat[k - 1]!, 12);
      expect(v!.expectedLoss).toBeCloseTo(loss[k - 1]!, 10);
    });
  });
  it('gives nulls when a variance is missing', () => {
    const r = normalPosterior([
      { units: 1, value: 2, variance: null, unitVariance: null },
      { units: 10, value: 3, variance: 0.1, unitVariance: 1 },
    ]);
    expect(r).toEqual([null, null]);
  });
});
