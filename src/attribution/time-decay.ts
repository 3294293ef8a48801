import { AttributionInputError } from './errors.js';

export const DEFAULT_HALF_LIFE_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Time decay with a half-life h (default 7 days, as Google Analytics had it): a touchpoint Δ before
 * the conversion weighs 2^(−Δ/h), normalised over the path, wᵢ = 2^(−Δᵢ/h) / Σⱼ 2^(−Δⱼ/h). Δ is
 * taken from the exact timestamps (ms), not from days. Weights are computed relative to the newest
 * touch so that very old paths do not underflow to 0/0.
 */
export function timeDecayWeights(
  touchTimes: readonly number[],
  conversionTime: number,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): number[] {
  checkHalfLife(halfLifeDays);
  if (touchTimes.length === 0) return [];
  const h = halfLifeDays * DAY_MS;
  const newest = Math.max(...touchTimes.map((t) => Math.min(t, conversionTime)));
  // 2^(−(c−t)/h) / Σ = 2^((t−newest)/h) / Σ' — the common factor 2^(−(c−newest)/h) cancels.
  const raw = touchTimes.map((t) => 2 ** ((Math.min(t, conversionTime) - newest) / h));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / sum);
}

/** Throws an AttributionInputError unless the half-life is a finite number of days > 0. */
export function checkHalfLife(halfLifeDays: number): void {
  if (!Number.isFinite(halfLifeDays) || halfLifeDays <= 0)
    throw new AttributionInputError('half_life_days', `must be a number of days > 0 (got ${halfLifeDays})`);
}
