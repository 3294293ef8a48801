/**
 * Date cells of cost exports: ISO (`2026-03-31`, Google Ads, Meta, TikTok, Microsoft API), numeric
 * day-month or month-day (`31-3-2026`, `31/03/2026`, `3/31/2026`, `31.03.2026`), month names in
 * EN/NL/FR (`March 31, 2026`, `31 maart 2026`, `1er avril 2026`), date-times, Excel serials.
 */

/** Order of day and month in numeric dates `a/b/yyyy`. */
export type DateOrder = 'dmy' | 'mdy';

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

const EXPECTED = 'not a date (expected e.g. 2026-03-31)';

const MONTHS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ['january', 'jan', 'januari', 'janvier', 'janv']],
  [2, ['february', 'feb', 'februari', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'fev']],
  [3, ['march', 'mar', 'maart', 'mrt', 'mars']],
  [4, ['april', 'apr', 'avril', 'avr']],
  [5, ['may', 'mei', 'mai']],
  [6, ['june', 'jun', 'juni', 'juin']],
  [7, ['july', 'jul', 'juli', 'juillet', 'juil']],
  [8, ['august', 'aug', 'augustus', 'août', 'aout']],
  [9, ['september', 'sep', 'sept', 'septembre']],
  [10, ['october', 'oct', 'oktober', 'okt', 'octobre']],
  [11, ['november', 'nov', 'novembre']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'déc']],
];
for (const [m, names] of NAMES) for (const name of names) MONTHS[name] = m;

const WEEKDAY = /^[a-zé]{2,9}\.?,\s*/i;
const TIME =
  /(?:[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|[+-]\d{2}:?\d{2})?)$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` when y/m/d is a real calendar day (proleptic Gregorian, years 1900–2999), else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function calendar(y: number, m: number, d: number): DateResult {
  const iso = isoDate(y, m, d);
  return iso
    ? { ok: true, date: iso }
    : { ok: false, reason: `not a calendar date (no day ${d} in month ${m} of ${y})` };
}

/**
 * Convert an Excel serial day number (1900 date system, as XLSX stores dates) to `YYYY-MM-DD`:
 * day 0 is 1899-12-30 (Excel's fictitious 1900-02-29 makes serials from 61 on line up with that
 * epoch); the time fraction is dropped. Accepts 1–2958465; null otherwise.
 */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Parse one date cell. Rule: a time part (`00:00:00`, `12:00 AM`, `T…Z`) and a leading weekday are
 * dropped; `YYYY-MM-DD`, `YYYY/MM/DD` and `YYYYMMDD` are year-month-day; `a.b.yyyy` is always
 * day-month; `a-b-yyyy` and `a/b/yyyy` follow `order` (decided per file, see `decideDateOrder`),
 * except that a part above 12 can only be a day; month names (EN/NL/FR, full or abbreviated, with
 * or without a dot, `1er`) in `31 maart 2026` or `March 31, 2026` order; with `allowSerial` (XLSX
 * only) a bare number is an Excel serial. Impossible days (`2026-02-30`) are errors.
 */
export function parseDate(raw: string, order: DateOrder = 'dmy', allowSerial = false): DateResult {
  let t = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (t === '') return { ok: false, reason: 'no date' };
  if (allowSerial && /^\d{1,7}(\.\d+)?$/.test(t) && !/^\d{8}$/.test(t)) {
    const iso = excelSerialToDate(Number(t));
    return iso ? { ok: true, date: iso } : { ok: false, reason: EXPECTED };
  }
  t = t.replace(TIME, '').replace(WEEKDAY, '').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    const mdy = m[2] !== '.' && (a > 12 ? false : b > 12 ? true : order === 'mdy');
    return mdy ? calendar(y, a, b) : calendar(y, b, a);
  }
  const words = t
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .replace(/(\d)(er|e|st|nd|rd|th)\b/g, '$1')
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length === 4 && /^[a-zé]+$/.test(words[0] as string) && !MONTHS[words[0] as string]) {
    words.shift();
  }
  if (words.length === 3) {
    const [w1, w2, w3] = words as [string, string, string];
    if (/^\d{1,2}$/.test(w1) && MONTHS[w2] && /^\d{4}$/.test(w3)) {
      return calendar(Number(w3), MONTHS[w2], Number(w1));
    }
    if (MONTHS[w1] && /^\d{1,2}$/.test(w2) && /^\d{4}$/.test(w3)) {
      return calendar(Number(w3), MONTHS[w1], Number(w2));
    }
  }
  return { ok: false, reason: EXPECTED };
}

/**
 * Decide day-month or month-day for a file's numeric `a/b/yyyy` and `a-b-yyyy` dates. Rule: a
 * value with a first part above 12 proves day-month, a second part above 12 proves month-day; the
 * proven order with more votes wins (a file mixing both gets errors for the minority); without
 * proof, the file's language decides: `en` → month-day (LinkedIn and Microsoft Advertising write
 * `9/21/2026`), `nl`, `fr` and unknown → day-month. So `03/04/2026` is 3 April in an NL/FR file
 * and March 4 in an EN file, unless another row says otherwise.
 */
export function decideDateOrder(values: readonly string[], language: string): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const v of values) {
    const m = /^\s*(\d{1,2})[-/](\d{1,2})[-/]\d{4}/.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12) dmy++;
    else if (Number(m[2]) > 12) mdy++;
  }
  if (dmy !== mdy) return dmy > mdy ? 'dmy' : 'mdy';
  return language === 'en' ? 'mdy' : 'dmy';
}
