/**
 * The distributions the tests need, from stdlib-js (Apache-2.0; its incomplete gamma and beta
 * functions follow Boost, BSL-1.0) rather than hand-rolled special functions. Tail probabilities
 * go through the upper-tail functions directly so that tiny p-values keep their precision.
 */
import betaQuantileImpl from '@stdlib/stats-base-dists-beta-quantile';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import betalnImpl from '@stdlib/math-base-special-betaln';

/** Φ(x), the standard normal CDF. */
export const normalCdf = (x: number): number => normalCdfImpl(x, 0, 1);

/** Φ⁻¹(p), the standard normal quantile. */
export const normalQuantile = (p: number): number => normalQuantileImpl(p, 0, 1);

/** φ(x), the standard normal density. */
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export const normalTwoSidedP = (z: number): number => 2 * normalCdf(-Math.abs(z));

/** Student's t CDF with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export const tCdf = (x: number, df: number): number => tCdfImpl(x, df);

/** Student's t quantile. */
export const tQuantile = (p: number, df: number): number => tQuantileImpl(p, df);

/** Two-sided p-value of a t statistic: 2·T_df(−|t|). */
export const tTwoSidedP = (t: number, df: number): number => 2 * tCdf(-Math.abs(t), df);

/** Upper tail of the chi-square distribution, P(X ≥ x) = Q(k/2, x/2) (regularised upper gamma). */
export const chiSquareSf = (x: number, df: number): number =>
  x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true);

/** Quantile of Beta(a, b). */
export const betaQuantile = (p: number, a: number, b: number): number => betaQuantileImpl(p, a, b);

/** ln B(a, b), the log of the beta function. */
export const betaln = (a: number, b: number): number => betalnImpl(a, b);
