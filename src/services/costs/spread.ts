import { fromUnits, toUnits } from './decimal.js';

/** The local dates from `from` to `to`, both inclusive (`YYYY-MM-DD`). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/**
 * Spread `total` evenly over `days` days in the currency's minor units (`digits` decimals): every
 * day gets the rounded-down share and the last day takes the remainder, so the parts sum exactly to
 * the total. €1,000 over 3 days → 333.33, 333.33, 333.34.
 */
export function spreadAmount(total: string, days: number, digits: number): string[] {
  const units = toUnits(total, Math.max(digits, 4));
  if (units === null || days < 1) throw new Error(`cannot spread ${total} over ${days} days`);
  // Work in minor units; an amount given with more decimals than the currency has keeps them on the last day.
  const scale = Math.max(digits, 4);
  const step = 10n ** BigInt(scale - digits);
  const share = (units / BigInt(days) / step) * step;
  const parts = Array.from({ length: days }, () => share);
  parts[days - 1] = units - share * BigInt(days - 1);
  return parts.map((p) => fromUnits(p, scale));
}

/** Team hours: hours × hourly rate, exact (hours with ≤ 2 decimals, rate with ≤ 4). */
export function hoursTimesRate(hours: string, rate: string): string | null {
  const h = toUnits(hours, 2);
  const r = toUnits(rate, 4);
  if (h === null || r === null) return null;
  // h is hundredths, r ten-thousandths: the product is in millionths; round half up to 4 decimals.
  const millionths = h * r;
  return fromUnits((millionths + 50n) / 100n, 4);
}
