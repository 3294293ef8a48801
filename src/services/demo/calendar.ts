import { zonedDayStart } from '../../core/time.js';
import type { Rng } from './random.js';

/** One simulated local day: its date, the UTC instants where it starts and ends, and its weekday. */
export interface Day {
  /** Index from the first day of the window (negative for warm-up days before it). */
  index: number;
  date: string;
  start: number;
  end: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Days from `firstIndex` to `lastIndex` (inclusive) where index 0 is `firstDate`. */
export function buildDays(firstDate: string, firstIndex: number, lastIndex: number, timeZone: string): Day[] {
  const days: Day[] = [];
  let start = zonedDayStart(addDays(firstDate, firstIndex), timeZone);
  for (let i = firstIndex; i <= lastIndex; i++) {
    const date = addDays(firstDate, i);
    const end = zonedDayStart(addDays(firstDate, i + 1), timeZone);
    days.push({ index: i, date, start, end, weekday: weekdayOf(date) });
    start = end;
  }
  return days;
}

/** Index of the day holding `ts` in a sorted day list (binary search), or -1 outside it. */
export function dayPosition(days: readonly Day[], ts: number): number {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = days[mid] as Day;
    if (ts < d.start) hi = mid - 1;
    else if (ts >= d.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Share of a day's visits started in each local hour: quiet nights, a lunch bump and the evening
 * peak (sofa shopping on a phone) that Belgian and Dutch webshops see.
 */
export const HOURLY = [
  0.55, 0.3, 0.18, 0.12, 0.12, 0.22, 0.55, 1.15, 1.9, 2.5, 2.8, 3.0, 3.35, 3.2, 2.95, 2.85, 2.95, 3.2, 3.45,
  3.95, 4.35, 4.25, 3.3, 1.7,
];

/** A random instant within `day`, following the hourly profile. */
export function timeInDay(rng: Rng, day: Day): number {
  const hour = rng.weightedIndex(HOURLY);
  const offset = (hour + rng.next()) * 3_600_000;
  return day.start + Math.min(Math.floor(offset), day.end - day.start - 1);
}
