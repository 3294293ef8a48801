import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, defaultRange, previousPeriod } from './dates';

describe('date ranges', () => {
  // Worked out by hand on the calendar: 2024 is a leap year; both ends count.
  it.each([
    ['2026-11-01', '2026-11-30', 30, { from: '2026-10-02', to: '2026-10-31' }],
    ['2024-03-01', '2024-03-31', 31, { from: '2024-01-30', to: '2024-02-29' }],
    ['2026-01-01', '2026-01-01', 1, { from: '2025-12-31', to: '2025-12-31' }],
  ])('%s … %s: %i days, previous %j', (from, to, n, prev) => {
    expect(daysBetween(from, to)).toBe(n);
    expect(previousPeriod(from, to)).toEqual(prev);
  });

  it('defaults to the last 30 days up to today', () => {
    expect(defaultRange('2026-11-25')).toEqual({ from: '2026-10-27', to: '2026-11-25' });
  });

  it('the previous period has as many days and ends the day before (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 800 }),
        (d, n) => {
          const from = d.toISOString().slice(0, 10);
          const to = addDays(from, n - 1);
          const prev = previousPeriod(from, to);
          expect(daysBetween(prev.from, prev.to)).toBe(n);
          expect(addDays(prev.to, 1)).toBe(from);
        },
      ),
    );
  });
});
