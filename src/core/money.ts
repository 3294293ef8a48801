/**
 * Money helpers. Amounts travel as decimal strings in major units (`"19.99"`), are stored as
 * ClickHouse `Decimal(18, 4)`, and converted to the base currency only in reports.
 */

const ISO_4217 = /^[A-Z]{3}$/;
let knownCurrencies: Set<string> | null = null;

/** True when `code` is an ISO 4217 code known to this runtime's Intl (e.g. `EUR`, `USD`). */
export function isCurrencyCode(code: string): boolean {
  if (!ISO_4217.test(code)) return false;
  if (!knownCurrencies) {
    const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
    knownCurrencies = new Set(supported ? supported('currency') : []);
  }
  return knownCurrencies.size === 0 || knownCurrencies.has(code);
}

/**
 * Normalise a JSON number or numeric string to a plain decimal string with at most 4 decimals
 * (the store's scale), e.g. `19.990` → `"19.99"`, `1e3` → `"1000"`. Returns null when the input
 * is not a finite number or needs more than 4 decimals once rounding noise is removed.
 */
export function toDecimalString(input: number | string): string | null {
  const n = typeof input === 'number' ? input : Number(input);
  if (typeof input === 'string' && !/^-?\d+(\.\d+)?$/.test(input.trim())) return null;
  if (!Number.isFinite(n) || Math.abs(n) >= 1e14) return null;
  const fixed = n.toFixed(4);
  if (Math.abs(Number(fixed) - n) > 1e-9 * Math.max(1, Math.abs(n))) return null;
  return fixed.replace(/\.?0+$/, '') || '0';
}
