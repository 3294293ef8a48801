/**
 * Calendar arithmetic on local dates (`YYYY-MM-DD`, no time zone: the workspace's zone is applied
 * where dates meet instants). Proleptic Gregorian, computed through UTC dates, so no DST surprises.
 */

export const GRAINS = ['day', 'week', 'month', 'quarter'] as const;
export type Grain = (typeof GRAINS)[number];

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/**
 * The first day of the period of `grain` that holds `date`: the date itself, the Monday of its ISO
 * week (ISO 8601 weeks start on Monday), the 1st of its month or of its quarter.
 */
export function periodStart(date: string, grain: Grain): string {
  const d = toUtc(date);
  switch (grain) {
    case 'day':
      return date;
    case 'week': {
      const isoDow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
      return addDays(date, -isoDow);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'quarter': {
      const q0 = Math.floor(d.getUTCMonth() / 3) * 3 + 1;
      return `${date.slice(0, 4)}-${String(q0).padStart(2, '0')}-01`;
    }
  }
}

/**
 * The same calendar date a year earlier; 29 February maps to 28 February. Used for "same period
 * last year", which compares dates, not weekdays (a retailer's promotions sit on dates).
 */
export function sameDateLastYear(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  if (md === '02-29') return `${y}-02-28`;
  return `${y}-${md}`;
}

export const COMPARISONS = ['previous', 'last_year'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/**
 * The comparison period of [from, to] (inclusive local dates): `previous` is the period of the same
 * length that ends the day before `from`; `last_year` the same dates one year earlier.
 */
export function comparisonRange(from: string, to: string, kind: Comparison): { from: string; to: string } {
  if (kind === 'last_year') return { from: sameDateLastYear(from), to: sameDateLastYear(to) };
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** The period starts of `grain` that [from, to] touches, in order (the report's buckets). */
export function periodStarts(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  let p = periodStart(from, grain);
  while (p <= to) {
    out.push(p);
    p = nextPeriodStart(p, grain);
  }
  return out;
}

function nextPeriodStart(start: string, grain: Grain): string {
  if (grain === 'day') return addDays(start, 1);
  if (grain === 'week') return addDays(start, 7);
  const d = toUtc(start);
  d.setUTCMonth(d.getUTCMonth() + (grain === 'month' ? 1 : 3));
  return fromUtc(d);
}
