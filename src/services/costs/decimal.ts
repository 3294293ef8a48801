/**
 * Exact decimal arithmetic for money strings: amounts become integers of the smallest unit of a
 * given scale (BigInt), so that sums and splits never pick up binary-float noise.
 */

/** `"12.5"` at scale 2 → 1250n; null when the text is not a plain decimal or has more decimals than `scale`. */
export function toUnits(s: string, scale: number): bigint | null {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > scale) return null;
  const v = BigInt(m[2]!) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
  return m[1] ? -v : v;
}

/** 1250n at scale 2 → `"12.5"` (shortest form). */
export function fromUnits(v: bigint, scale: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const p = 10n ** BigInt(scale);
  const frac = scale ? (a % p).toString().padStart(scale, '0').replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${a / p}${frac ? `.${frac}` : ''}`;
}

/** Sum of decimal strings (≤ 4 decimals, the store's scale). */
export function sumDecimals(values: string[]): string {
  let t = 0n;
  for (const v of values) t += toUnits(v, 4) ?? 0n;
  return fromUnits(t, 4);
}

const PLAIN_MONEY = /^\d{1,10}(?:\.\d{1,4})?$/;

/**
 * A running exact sum of money strings (≤ 4 decimals), as `sumDecimals` gives it but without a
 * BigInt per value: ten-thousandths add up in a double while the total stays below 2^52 (every
 * integer up to 2^53 is exact in a double; one value adds below 10^14), then move into a BigInt.
 * Values with more than 10 integer digits, more decimals or a sign take the BigInt path directly.
 */
export class MoneySum {
  private big = 0n;
  private small = 0;

  add(s: string): void {
    if (!PLAIN_MONEY.test(s)) {
      this.big += toUnits(s, 4) ?? 0n;
      return;
    }
    const dot = s.indexOf('.');
    this.small +=
      dot < 0
        ? Number(s) * 10_000
        : Number(s.slice(0, dot)) * 10_000 + Number(s.slice(dot + 1).padEnd(4, '0'));
    if (this.small > 2 ** 52) this.flush();
  }

  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }

  total(): string {
    this.flush();
    return fromUnits(this.big, 4);
  }
}

/** The number of minor-unit digits of a currency (EUR 2, JPY 0, KWD 3), from Intl. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}
