import { describe, expect, it } from 'vitest';
import { StatsInputError } from './errors.js';
import { estimate } from './metrics.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('ratio metric, delta method, against numpy on raw (y, x) pairs', () => {
  // Var(R) ≈ (s²_y − 2R s_xy + R² s²_x)/(n x̄²) with np.cov(ddof=1); relative tolerance 1e-9.
  it.each(ref.ratio)('n = $sums.0', ({ sums, ratio, variance }) => {
    const [units, numSum, numSumSq, denSum, denSumSq, crossSum] = sums as number[];
    const e = estimate({
      kind: 'ratio',
      units: units!,
      numSum: numSum!,
      numSumSq: numSumSq!,
      denSum: denSum!,
      denSumSq: denSumSq!,
      crossSum: crossSum!,
    });
    expect(e.value! / ratio - 1).toBeCloseTo(0, 12);
    expect(e.variance! / variance - 1).toBeCloseTo(0, 9);
  });
});

describe('estimates', () => {
  it.each([
    // hand-worked: p = 25/200 = 0.125, Var = 0.125·0.875/200
    [{ kind: 'proportion' as const, units: 200, conversions: 25 }, 0.125, (0.125 * 0.875) / 200],
    // values 1, 2, 3, 4: mean 2.5, s² = 5/3, Var = 5/12
    [{ kind: 'mean' as const, units: 4, sum: 10, sumSq: 30 }, 2.5, 5 / 12],
  ])('%o', (d, value, variance) => {
    const e = estimate(d);
    expect(e.value).toBeCloseTo(value, 14);
    expect(e.variance).toBeCloseTo(variance, 14);
  });
  it('zero units and a zero denominator give null, not NaN', () => {
    expect(estimate({ kind: 'proportion', units: 0, conversions: 0 }).value).toBeNull();
    expect(
      estimate({ kind: 'ratio', units: 5, numSum: 0, numSumSq: 0, denSum: 0, denSumSq: 0, crossSum: 0 })
        .value,
    ).toBeNull();
    expect(estimate({ kind: 'mean', units: 1, sum: 3, sumSq: 9 }).variance).toBeNull();
  });
  it.each([
    [{ kind: 'proportion' as const, units: -1, conversions: 0 }, /units: must not be negative/],
    [{ kind: 'proportion' as const, units: 10, conversions: 11 }, /conversions: exceeds units/],
    [{ kind: 'proportion' as const, units: 10.5, conversions: 1 }, /units: must be a whole number/],
    [{ kind: 'mean' as const, units: 4, sum: 10, sumSq: 20 }, /value_sum_sq: is smaller than/],
    [{ kind: 'mean' as const, units: 4, sum: Number.NaN, sumSq: 20 }, /value_sum: must be a finite number/],
  ])('refuses %o', (d, msg) => {
    expect(() => estimate(d)).toThrow(StatsInputError);
    expect(() => estimate(d)).toThrow(msg);
  });
});
