/** Time helpers: parsing wire timestamps and mapping instants to local dates in a time zone. */

/** How far a client clock may run ahead of the receive time before the timestamp is flagged. */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** How old a live event may be before it is flagged (backfills are exempt). */
export const MAX_PAST_MS = 7 * 24 * 3600 * 1000;

/**
 * Parse a wire timestamp: epoch milliseconds, or ISO 8601 with an explicit offset (`Z` or `±hh:mm`).
 * A date-time without offset is ambiguous and rejected. Returns epoch ms or null.
 */
export function parseTimestamp(input: number | string): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input > 0 ? Math.round(input) : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(input)) return null;
  const ms = Date.parse(input);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Flag a timestamp relative to the receive time: more than `MAX_FUTURE_MS` ahead is `future`,
 * more than `MAX_PAST_MS` behind is `past` (unless the sender said it is a backfill).
 */
export function flagTimestamp(ts: number, receivedAt: number, backfill = false): 'ok' | 'future' | 'past' {
  if (ts - receivedAt > MAX_FUTURE_MS) return 'future';
  if (!backfill && receivedAt - ts > MAX_PAST_MS) return 'past';
  return 'ok';
}

/** True when `tz` is an IANA time zone this runtime knows (e.g. `Europe/Brussels`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/** Parse a `YYYY-MM-DD` date strictly (calendar-valid). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** ClickHouse `DateTime64(3, 'UTC')` text form of an epoch-ms instant: `2026-03-31 23:30:00.000`. */
export function toClickHouseDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Offset of a time zone from UTC at an instant, in ms (Europe/Brussels in summer: +7,200,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local calendar day starts in a time zone: local midnight → UTC ms. Found by
 * applying the zone's offset and re-checking it at the result, which settles DST changes.
 */
export function zonedDayStart(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let ms = guess - zoneOffsetMs(guess, timeZone);
  ms = guess - zoneOffsetMs(ms, timeZone);
  return ms;
}

/** The next calendar date after `YYYY-MM-DD`. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
