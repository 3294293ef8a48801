import { describe, expect, it } from 'vitest';
import { srmBreakdown, srmTest } from './srm.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('SRM against scipy.stats.chisquare', () => {
  // Tolerance 1e-12 on χ², relative 1e-9 on p.
  it.each(ref.srm)('$units with $allocation', ({ units, allocation, chi2, p }) => {
    const r = srmTest(units, allocation);
    expect(r.chiSquare).toBeCloseTo(chi2, 12);
    expect(r.pValue / p - 1).toBeCloseTo(0, 9);
  });
  it.each([
    [[100], undefined, /variants: need at least two/],
    [[100, -1], undefined, /units: must not be negative/],
    [[100, 100], [1], /allocation: needs one weight per variant/],
    [[100, 100], [1, 0], /allocation\[1\]: must be positive/],
  ])('refuses %o %o', (units, alloc, msg) => {
    expect(() => srmTest(units, alloc)).toThrow(msg);
  });
  it('no units: p = 1, no NaN', () => {
    expect(srmTest([0, 0]).pValue).toBe(1);
  });
});

describe('SRM breakdown', () => {
  it('puts the segment that drives the mismatch first and names the variant', () => {
    // Safari drops variant B (a redirect that loses the cookie); other segments are balanced.
    const segs = [
      { dimension: 'browser', segment: 'Chrome', units: [5010, 4990] },
      { dimension: 'browser', segment: 'Safari', units: [3000, 2400] },
      { dimension: 'browser', segment: 'Firefox', units: [800, 812] },
      { dimension: 'device', segment: 'mobile', units: [4400, 3800] },
    ];
    const r = srmBreakdown(segs);
    expect(r[0]!.segment).toBe('Safari');
    expect(r[0]!.mismatch).toBe(true);
    expect(r[0]!.worstVariant).toBe(0);
    expect(r.find((s) => s.segment === 'Chrome')!.mismatch).toBe(false);
    // Holm: the largest χ² is multiplied by the number of segments.
    expect(r[0]!.pAdjusted).toBeCloseTo(Math.min(1, 4 * r[0]!.pValue), 15);
  });
});
