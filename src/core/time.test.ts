import { describe, expect, it } from 'vitest';
import { flagTimestamp, isIsoDate, localDate, nextDate, parseTimestamp, zonedDayStart } from './time.js';

describe('time', () => {
  it.each([
    [1_700_000_000_000, 1_700_000_000_000],
    ['2026-04-01T10:00:00Z', Date.UTC(2026, 3, 1, 10)],
    ['2026-04-01T10:00:00+02:00', Date.UTC(2026, 3, 1, 8)],
    ['2026-04-01T10:00:00.123-05:00', Date.UTC(2026, 3, 1, 15, 0, 0, 123)],
    ['2026-04-01T10:00:00', null],
    ['2026-04-01', null],
    ['yesterday', null],
    [-5, null],
    [Number.NaN, null],
  ])('parseTimestamp(%s) = %s', (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });

  it('counts 23:30 UTC on 31 March in April in Europe/Brussels (summer time)', () => {
    expect(localDate(Date.UTC(2026, 2, 31, 23, 30), 'Europe/Brussels')).toBe('2026-04-01');
    expect(localDate(Date.UTC(2026, 2, 31, 23, 30), 'UTC')).toBe('2026-03-31');
  });

  it.each([
    ['2026-04-01', 'Europe/Brussels', Date.UTC(2026, 2, 31, 22)],
    ['2026-01-15', 'Europe/Brussels', Date.UTC(2026, 0, 14, 23)],
    // The day summer time starts (29 March 2026) begins at 00:00 CET = 23:00 UTC the day before.
    ['2026-03-29', 'Europe/Brussels', Date.UTC(2026, 2, 28, 23)],
    ['2026-03-30', 'Europe/Brussels', Date.UTC(2026, 2, 29, 22)],
    ['2026-04-01', 'UTC', Date.UTC(2026, 3, 1)],
    ['2026-04-01', 'America/New_York', Date.UTC(2026, 3, 1, 4)],
  ])('zonedDayStart(%s, %s)', (date, tz, expected) => {
    expect(zonedDayStart(date, tz)).toBe(expected);
  });

  it('flags clocks far off', () => {
    const now = Date.UTC(2026, 3, 1);
    expect(flagTimestamp(now + 60_000, now)).toBe('ok');
    expect(flagTimestamp(now + 3600_000, now)).toBe('future');
    expect(flagTimestamp(now - 30 * 86400_000, now)).toBe('past');
    expect(flagTimestamp(now - 30 * 86400_000, now, true)).toBe('ok');
  });

  it('validates dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-02-01')).toBe(false);
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});
