import { describe, expect, it } from 'vitest';
import { factorialAnalysis } from './factorial.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('factorial hook × visual × CTA against statsmodels OLS on the raw units', () => {
  // statsmodels: ols('y ~ (C(hook, Sum) + C(visual, Sum) + C(cta, Sum))**2') and t_test of the
  // differences of marginal means (statsmodels codes the last level −1, Rendement the first: the
  // contrasts do not depend on the coding). Tolerance 1e-8.
  const f = ref.factorial;
  const r = factorialAnalysis(f.cells);
  it('residual df and variance', () => {
    expect(r.df).toBe(f.df);
    expect(r.residualVariance / f.scale - 1).toBeCloseTo(0, 8);
  });
  it.each(f.effects)('$kind $factors $levels', (e) => {
    const got = r.effects.find(
      (x) =>
        x.kind === e.kind && x.factors.join() === e.factors.join() && x.levels.join() === e.levels.join(),
    )!;
    expect(got.estimate).toBeCloseTo(e.estimate, 8);
    expect(got.standardError).toBeCloseTo(e.se, 8);
    expect(got.pValue).toBeCloseTo(e.p, 8);
    expect(got.ci[1] - got.estimate).toBeCloseTo(f.tcrit * e.se, 8);
  });
  it('refuses a design with a missing combination of an interaction', () => {
    const cells = f.cells.filter((c) => !(c.levels.hook === 'stat' && c.levels.visual === 'ugc'));
    expect(() => factorialAnalysis(cells)).toThrow(/cells: the design cannot be estimated/);
  });
  it('refuses a factor with one level', () => {
    const cells = [
      { levels: { hook: 'a' }, units: 10, conversions: 1 },
      { levels: { hook: 'a' }, units: 10, conversions: 2 },
    ];
    expect(() => factorialAnalysis(cells)).toThrow(/factor hook: has only one level/);
  });
  it('works on conversions (a linear probability model)', () => {
    const cells = [
      { levels: { hook: 'q', cta: 'shop' }, units: 1000, conversions: 50 },
      { levels: { hook: 'q', cta: 'learn' }, units: 1000, conversions: 60 },
      { levels: { hook: 's', cta: 'shop' }, units: 1000, conversions: 70 },
      { levels: { hook: 's', cta: 'learn' }, units: 1000, conversions: 100 },
    ];
    const res = factorialAnalysis(cells);
    // Main effect of hook s: average of (0.07 − 0.05) and (0.10 − 0.06) = 0.03; interaction 0.02 by hand.
    expect(res.effects.find((e) => e.kind === 'main' && e.factors[0] === 'hook')!.estimate).toBeCloseTo(
      0.03,
      12,
    );
    expect(res.effects.find((e) => e.kind === 'interaction')!.estimate).toBeCloseTo(
      0.1 - 0.07 - 0.06 + 0.05,
      12,
    );
  });
});
