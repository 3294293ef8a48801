/** Local calendar dates `YYYY-MM-DD`: the API's `from`/`to` (both inclusive). */
export function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDays(s: string, days: number): string {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The default range: the last 30 days up to today. */
export function defaultRange(today = ymd(new Date())): { from: string; to: string } {
  return { from: addDays(today, -29), to: today };
}

/** The same number of days just before: the "previous period" a change is measured against. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysBetween(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}
