import { AttributionInputError } from './errors.js';

/** Shares of the first touch, the middle touches together and the last touch; they sum to 1. */
export interface PositionShares {
  first: number;
  middle: number;
  last: number;
}

/** PRODUCT.md, "Attribution": first and last touch 40% each, 20% shared among the middle ones. */
export const DEFAULT_POSITION_SHARES: PositionShares = { first: 0.4, middle: 0.2, last: 0.4 };

/**
 * Position-based ("U-shaped"): with n ≥ 3 touches the first gets `first`, the last `last`, and each
 * middle touch `middle`/(n − 2). Two touches split first : last in proportion (50/50 with the
 * defaults, as PRODUCT.md says — the middle share has nowhere to go); one touch gets 100%.
 */
export function positionBasedWeights(
  length: number,
  shares: PositionShares = DEFAULT_POSITION_SHARES,
): number[] {
  checkPositionShares(shares);
  if (length === 0) return [];
  if (length === 1) return [1];
  if (length === 2) {
    const ends = shares.first + shares.last;
    return ends > 0 ? [shares.first / ends, shares.last / ends] : [0.5, 0.5];
  }
  const mid = shares.middle / (length - 2);
  return Array.from({ length }, (_, i) => (i === 0 ? shares.first : i === length - 1 ? shares.last : mid));
}

/** Throws an AttributionInputError unless each share is in [0, 1] and they sum to 1 (± 1e-9). */
export function checkPositionShares(s: PositionShares): void {
  for (const k of ['first', 'middle', 'last'] as const) {
    const v = s[k];
    if (!Number.isFinite(v) || v < 0 || v > 1)
      throw new AttributionInputError(`position_shares.${k}`, `must be a number from 0 to 1 (got ${v})`);
  }
  const sum = s.first + s.middle + s.last;
  if (Math.abs(sum - 1) > 1e-9)
    throw new AttributionInputError(
      'position_shares',
      `first + middle + last must sum to 1 (got ${s.first} + ${s.middle} + ${s.last} = ${sum})`,
    );
}
