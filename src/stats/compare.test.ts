import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';
import { StatsInputError } from './errors.js';
import { estimate } from './metrics.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

const prop = (units: number, conversions: number) => estimate({ kind: 'proportion', units, conversions });
const mean = ([units, sum, sumSq]: number[]) =>
  estimate({ kind: 'mean', units: units!, sum: sum!, sumSq: sumSq! });

describe('two proportions (Wald z) against statsmodels test_proportions_2indep/confint_proportions_2indep', () => {
  // Tolerance 1e-10 absolute on z, p and CI bounds; relative CI from the delta method worked in numpy.
  it.each(ref.proportions)('$input', ({ input, z, p, ci, rel, relCi }) => {
    const [ct, nt, cc, nc, alpha] = input as number[];
    const r = compare(prop(nc!, cc!), prop(nt!, ct!), alpha!, 'z');
    expect(r.statistic).toBeCloseTo(z, 10);
    expect(r.pValue).toBeCloseTo(p, 10);
    expect(r.absoluteCi![0]).toBeCloseTo(ci[0]!, 10);
    expect(r.absoluteCi![1]).toBeCloseTo(ci[1]!, 10);
    expect(r.relativeLift).toBeCloseTo(rel, 12);
    expect(r.relativeCi![0]).toBeCloseTo(relCi[0]!, 10);
    expect(r.relativeCi![1]).toBeCloseTo(relCi[1]!, 10);
  });
});

describe('Welch t test against scipy ttest_ind(equal_var=False) on the raw values', () => {
  // Aggregates from sums of numpy's raw data; tolerance 1e-8 (sums of squares lose a few digits).
  it.each(ref.welch)('n = $t.0 vs $c.0', ({ t, c, alpha, stat, p, df, ci }) => {
    const r = compare(mean(c), mean(t), alpha, 'welch');
    expect(r.statistic).toBeCloseTo(stat, 8);
    expect(r.pValue).toBeCloseTo(p, 8);
    expect(r.df! / df - 1).toBeCloseTo(0, 8);
    expect(r.absoluteCi![0]).toBeCloseTo(ci[0]!, 8);
    expect(r.absoluteCi![1]).toBeCloseTo(ci[1]!, 8);
  });
});

describe('edge cases', () => {
  it('0/n vs 0/n: no statistic, no NaN', () => {
    const r = compare(prop(100, 0), prop(100, 0), 0.05, 'z');
    expect(r.absoluteLift).toBe(0);
    expect(r.relativeLift).toBeNull();
    expect(r.pValue).toBeNull();
  });
  it('a variant with no units gives nulls', () => {
    expect(compare(prop(0, 0), prop(100, 3), 0.05, 'z').absoluteLift).toBeNull();
  });
  it('zero variance in means is a clear error', () => {
    expect(() => compare(mean([10, 50, 250]), mean([10, 60, 360]), 0.05, 'welch')).toThrow(/zero variance/);
  });
  it.each([0, 1, -0.1, Number.NaN])('alpha %d is refused', (a) => {
    expect(() => compare(prop(100, 5), prop(100, 6), a, 'z')).toThrow(StatsInputError);
  });
  it('never NaN for any counts (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), (n1, a, n2, b) => {
        const r = compare(prop(n1, Math.min(a, n1)), prop(n2, Math.min(b, n2)), 0.05, 'z');
        for (const v of [
          r.absoluteLift,
          r.relativeLift,
          r.pValue,
          r.statistic,
          ...(r.absoluteCi ?? []),
          ...(r.relativeCi ?? []),
        ])
          expect(v === null || Number.isFinite(v)).toBe(true);
        if (r.pValue !== null) expect(r.pValue).toBeGreaterThanOrEqual(0);
        if (r.pValue !== null) expect(r.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});
