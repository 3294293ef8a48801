import { describe, expect, it } from 'vitest';
import { betaQuantile, chiSquareSf, tCdf, tQuantile } from './distributions.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

// scipy.stats values (reference.py); relative tolerance 1e-9.
describe('distributions against scipy', () => {
  it.each(ref.distributions.tcdf)('t.cdf(%d, df=%d)', (x, df, want) => {
    expect(tCdf(x!, df!)).toBeCloseTo(want!, 12);
  });
  it.each(ref.distributions.tppf)('t.ppf(%d, df=%d)', (p, df, want) => {
    expect(tQuantile(p!, df!) / want! - 1).toBeCloseTo(0, 9);
  });
  it.each(ref.distributions.chi2sf)('chi2.sf(%d, df=%d)', (x, df, want) => {
    expect(chiSquareSf(x!, df!) / want! - 1).toBeCloseTo(0, 9);
  });
  it.each(ref.distributions.betappf)('beta.ppf(%d, %d, %d)', (p, a, b, want) => {
    expect(betaQuantile(p!, a!, b!) / want! - 1).toBeCloseTo(0, 9);
  });
});
