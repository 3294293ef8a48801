import { describe, expect, it } from 'vitest';
import { decideDateOrder, excelSerialToDate, parseDate } from './dates.js';

describe('parseDate', () => {
  it.each([
    ['2026-03-31', 'dmy', '2026-03-31'],
    ['2026-03-31 00:00:00', 'dmy', '2026-03-31'],
    ['2026-03-31T00:00:00Z', 'dmy', '2026-03-31'],
    ['2026/3/1', 'mdy', '2026-03-01'],
    ['20260331', 'dmy', '2026-03-31'],
    ['31-3-2026', 'dmy', '2026-03-31'],
    ['23-9-2026', 'dmy', '2026-09-23'],
    ['31/03/2026', 'dmy', '2026-03-31'],
    ['3/31/2026', 'mdy', '2026-03-31'],
    ['9/21/2026 12:00 AM', 'mdy', '2026-09-21'],
    ['4/1/2026 4:10:00 AM', 'mdy', '2026-04-01'],
    ['31.03.2026', 'mdy', '2026-03-31'],
    ['1.4.2026', 'mdy', '2026-04-01'],
    ['31 maart 2026', 'dmy', '2026-03-31'],
    ['31 mrt 2026', 'dmy', '2026-03-31'],
    ['31 mrt. 2026', 'dmy', '2026-03-31'],
    ['23 september 2026 00:00', 'dmy', '2026-09-23'],
    ['31 mars 2026', 'dmy', '2026-03-31'],
    ['1er avril 2026', 'dmy', '2026-04-01'],
    ['3 avr. 2026', 'dmy', '2026-04-03'],
    ['15 août 2026', 'dmy', '2026-08-15'],
    ['1 févr. 2026', 'dmy', '2026-02-01'],
    ['mardi 31 mars 2026', 'dmy', '2026-03-31'],
    ['March 31, 2026', 'dmy', '2026-03-31'],
    ['Mar 31, 2026', 'dmy', '2026-03-31'],
    ['September 21, 2026, 12:00 AM', 'mdy', '2026-09-21'],
    ['Tuesday, March 31, 2026', 'dmy', '2026-03-31'],
    ['31 March 2026', 'mdy', '2026-03-31'],
    ['2028-02-29', 'dmy', '2028-02-29'],
    // Ambiguous day/month: the file's order decides; a part above 12 settles a row on its own.
    ['03/04/2026', 'dmy', '2026-04-03'],
    ['03/04/2026', 'mdy', '2026-03-04'],
    ['03-04-2026', 'dmy', '2026-04-03'],
    ['13/04/2026', 'mdy', '2026-04-13'],
    ['04/13/2026', 'dmy', '2026-04-13'],
  ] as const)('%s (%s) → %s', (raw, order, expected) => {
    expect(parseDate(raw, order)).toEqual({ ok: true, date: expected });
  });

  it.each([
    ['2026-02-30', 'not a calendar date (no day 30 in month 2 of 2026)'],
    ['2027-02-29', 'not a calendar date (no day 29 in month 2 of 2027)'],
    ['31-04-2026', 'not a calendar date (no day 31 in month 4 of 2026)'],
    ['2026-13-01', 'not a calendar date (no day 1 in month 13 of 2026)'],
    ['13/13/2026', 'not a calendar date (no day 13 in month 13 of 2026)'],
    ['31 foo 2026', 'not a date (expected e.g. 2026-03-31)'],
    ['yesterday', 'not a date (expected e.g. 2026-03-31)'],
    ['46112', 'not a date (expected e.g. 2026-03-31)'],
    ['', 'no date'],
  ])('%j is an error: %s', (raw, reason) => {
    expect(parseDate(raw, 'dmy')).toEqual({ ok: false, reason });
  });

  it('reads Excel serials only when asked (XLSX)', () => {
    expect(parseDate('46112', 'dmy', true)).toEqual({ ok: true, date: '2026-03-31' });
    expect(parseDate('46112.75', 'dmy', true)).toEqual({ ok: true, date: '2026-03-31' });
    expect(parseDate('2026-03-31', 'dmy', true)).toEqual({ ok: true, date: '2026-03-31' });
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(0)).toBeNull();
  });
});

describe('decideDateOrder', () => {
  it.each([
    [['03/04/2026', '13/04/2026'], 'en', 'dmy'],
    [['03/04/2026', '04/13/2026'], 'nl', 'mdy'],
    [['03/04/2026'], 'en', 'mdy'],
    [['03/04/2026'], 'fr', 'dmy'],
    [['03/04/2026'], 'nl', 'dmy'],
    [['03/04/2026'], 'unknown', 'dmy'],
    [['2026-03-04'], 'en', 'mdy'],
    [['13-1-2026', '14-1-2026', '1/13/2026'], 'en', 'dmy'],
  ] as const)('%j in %s → %s', (values, language, expected) => {
    expect(decideDateOrder(values, language)).toBe(expected);
  });
});
