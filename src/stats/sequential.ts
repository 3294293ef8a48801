import { StatsInputError, requireProbability } from './errors.js';

/** An always-valid result: may be read after every new day of data without inflating errors. */
export interface SequentialResult {
  pValue: number;
  ci: [number, number];
}

/** Default planned total units at which the confidence sequence is tightest (GrowthBook's default tuning). */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/**
 * Mixture sequential probability ratio test (mSPRT) for a difference d̂ with variance V, from
 * Johari, Koomen, Pekelis & Walsh (2017), "Peeking at A/B Tests", KDD, §4: with a normal mixing
 * distribution N(0, τ²) over the true difference, Λ = √(V/(V+τ²))·exp(d̂²τ²/(2V(V+τ²))), the
 * always-valid p-value is min(1, 1/Λ) and the always-valid interval is
 * d̂ ± √(V(V+τ²)/τ² · (2·ln(1/α) + ln((V+τ²)/V))). With V = σ²/N and τ² = ρ²σ² this is the
 * normal-mixture confidence sequence of Howard, Ramdas, McAuliffe & Sekhon (2021), "Time-uniform,
 * nonparametric, nonasymptotic confidence sequences", Ann. Statist., eq. (14); ρ is tuned so that
 * the interval is narrowest at `tuning` total units: ρ² = (−2·ln α + ln(1 − 2·ln α))/n*.
 * σ² is estimated as V·N (N = total units of both arms), a plug-in as in GrowthBook.
 * By Ville's inequality P(∃n: p_n ≤ α) ≤ α under the null, whatever the peeking schedule.
 */
export function msprt(
  diff: number,
  variance: number,
  totalUnits: number,
  alpha: number,
  tuning: number = DEFAULT_SEQUENTIAL_TUNING,
): SequentialResult | null {
  requireProbability('alpha', alpha);
  if (!(tuning > 0) || !Number.isFinite(tuning))
    throw new StatsInputError('sequential_tuning', `must be a positive number of units (got ${tuning})`);
  if (!(variance > 0) || !(totalUnits > 0) || !Number.isFinite(diff)) return null;
  const la = -2 * Math.log(alpha);
  const rho2 = (la + Math.log(1 + la)) / tuning;
  // In units of V (r = τ²/V, z = d̂/√V) so that no product of two small variances underflows.
  const r = rho2 * totalUnits;
  const z = diff / Math.sqrt(variance);
  const logLambda = -0.5 * Math.log1p(r) + (z * z * r) / (2 * (1 + r));
  const pValue = Math.min(1, Math.exp(-logLambda));
  const half = Math.sqrt(variance) * Math.sqrt(((1 + r) / r) * (la + Math.log1p(r)));
  return { pValue, ci: [diff - half, diff + half] };
}
