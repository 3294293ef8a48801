import { describe, expect, it } from 'vitest';
import { dateRange } from './date-range.js';

describe('dateRange', () => {
  it('maps local dates to [start of from, start of the day after to) in the time zone', () => {
    // Europe/Brussels is UTC+2 in April: 1 April starts at 31 March 22:00 UTC.
    expect(dateRange({ from: '2026-04-01', to: '2026-04-30' }, 'Europe/Brussels')).toEqual({
      from: Date.UTC(2026, 2, 31, 22),
      to: Date.UTC(2026, 3, 30, 22),
    });
  });

  it('names the bad parameters', () => {
    expect(dateRange({ from: '2026-02-30', to: 7 }, 'UTC')).toEqual({
      errors: [
        { field: 'from', reason: 'must be a date as YYYY-MM-DD' },
        { field: 'to', reason: 'must be a date as YYYY-MM-DD' },
      ],
    });
    expect(dateRange({ from: '2026-05-01', to: '2026-04-01' }, 'UTC')).toEqual({
      errors: [{ field: 'from', reason: 'must not be after to (2026-04-01)' }],
    });
  });
});
