/**
 * Bad input to a statistic: names the field and says why, so the CLI and the API can show it as
 * `field: reason` instead of a NaN further down.
 */
export class StatsInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'StatsInputError';
  }
}

/** Throw unless `v` is a finite number. */
export function requireFinite(field: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new StatsInputError(field, `must be a finite number (got ${String(v)})`);
}

/** Throw unless `v` is a whole number ≥ 0. */
export function requireCount(field: string, v: number): void {
  requireFinite(field, v);
  if (v < 0) throw new StatsInputError(field, `must not be negative (got ${v})`);
  if (!Number.isInteger(v)) throw new StatsInputError(field, `must be a whole number (got ${v})`);
}

/** Throw unless 0 < alpha < 1 (a significance level, or 1 − power). */
export function requireProbability(field: string, v: number): void {
  requireFinite(field, v);
  if (!(v > 0 && v < 1)) throw new StatsInputError(field, `must be strictly between 0 and 1 (got ${v})`);
}
