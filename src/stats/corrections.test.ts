import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bonferroni, holm } from './corrections.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('against statsmodels multipletests', () => {
  // Tolerance 1e-14.
  it.each(ref.multitest)('$p', ({ p, holm: h, bh }) => {
    holm(p).forEach((v, i) => expect(v).toBeCloseTo(h[i]!, 14));
    benjaminiHochberg(p).forEach((v, i) => expect(v).toBeCloseTo(bh[i]!, 14));
  });
  it('nulls stay null and do not count', () => {
    expect(holm([0.01, null, 0.04])).toEqual([0.02, null, 0.04]);
    expect(bonferroni([0.01, null, 0.3])).toEqual([0.02, null, 0.6]);
  });
  it('BH ≤ Holm ≤ Bonferroni, all ≥ raw and ≤ 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (ps) => {
          const h = holm(ps);
          const b = benjaminiHochberg(ps);
          const f = bonferroni(ps);
          ps.forEach((p, i) => {
            expect(b[i]!).toBeGreaterThanOrEqual(p - 1e-15);
            expect(b[i]!).toBeLessThanOrEqual(h[i]! + 1e-15);
            expect(h[i]!).toBeLessThanOrEqual(f[i]! + 1e-15);
            expect(f[i]!).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});
