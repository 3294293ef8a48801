import { describe, expect, it } from 'vitest';
import { comparisonRange, daysBetween, periodStart, periodStarts, sameDateLastYear } from './periods.js';

describe('periods', () => {
  // Known answers from a calendar: 2026-04-01 is a Wednesday; ISO week 14 of 2026 starts Monday 30 March.
  it.each([
    ['2026-04-01', 'day', '2026-04-01'],
    ['2026-04-01', 'week', '2026-03-30'],
    ['2026-04-05', 'week', '2026-03-30'], // Sunday belongs to the week that started on Monday
    ['2026-04-06', 'week', '2026-04-06'],
    ['2026-01-01', 'week', '2025-12-29'], // ISO week 1 of 2026 starts in 2025
    ['2026-04-30', 'month', '2026-04-01'],
    ['2026-06-30', 'quarter', '2026-04-01'],
    ['2026-12-31', 'quarter', '2026-10-01'],
  ] as const)('periodStart(%s, %s) = %s', (date, grain, start) => {
    expect(periodStart(date, grain)).toBe(start);
  });

  it('comparison periods', () => {
    expect(comparisonRange('2026-04-01', '2026-04-30', 'previous')).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
    });
    expect(comparisonRange('2026-04-01', '2026-04-01', 'previous')).toEqual({
      from: '2026-03-31',
      to: '2026-03-31',
    });
    expect(comparisonRange('2026-03-01', '2026-03-31', 'last_year')).toEqual({
      from: '2025-03-01',
      to: '2025-03-31',
    });
    expect(sameDateLastYear('2028-02-29')).toBe('2027-02-28');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('buckets of a range', () => {
    expect(periodStarts('2026-03-30', '2026-04-12', 'week')).toEqual(['2026-03-30', '2026-04-06']);
    expect(periodStarts('2026-02-15', '2026-04-01', 'month')).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(periodStarts('2026-01-01', '2026-12-31', 'quarter')).toHaveLength(4);
    expect(periodStarts('2026-01-01', '2026-01-03', 'day')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
  });
});
