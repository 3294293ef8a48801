import { describe, expect, it } from 'vitest';
import { cuped } from './cuped.js';
import { StatsInputError } from './errors.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('CUPED against numpy on raw units (Y − θ(X − X̄), θ pooled)', () => {
  // Rendement sees only the aggregates; relative tolerance 1e-9.
  it.each(ref.cuped)('$data.length variants', ({ data, theta, means, variances, reduction }) => {
    const r = cuped(
      data.map(([units, sumY, sumY2, sumX, sumX2, sumXY]) => ({
        units: units!,
        sumY: sumY!,
        sumY2: sumY2!,
        sumX: sumX!,
        sumX2: sumX2!,
        sumXY: sumXY!,
      })),
    );
    expect(r.theta / theta - 1).toBeCloseTo(0, 9);
    r.estimates.forEach((e, k) => {
      expect(e.value! / means[k]! - 1).toBeCloseTo(0, 9);
      expect(e.variance! / variances[k]! - 1).toBeCloseTo(0, 9);
      expect(r.varianceReduction[k]).toBeCloseTo(reduction[k]!, 9);
    });
  });
  it('refuses a constant covariate and a single variant', () => {
    const v = { units: 10, sumY: 10, sumY2: 20, sumX: 10, sumX2: 10, sumXY: 10 };
    expect(() => cuped([v, v])).toThrow(/covariate: the pre-period covariate has zero variance/);
    expect(() => cuped([v])).toThrow(StatsInputError);
  });
});
