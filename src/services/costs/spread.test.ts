import { describe, expect, it } from 'vitest';
import { datesBetween, hoursTimesRate, spreadAmount } from './spread.js';
import { currencyDigits, sumDecimals } from './decimal.js';

describe('spreadAmount', () => {
  it.each([
    ['1000', 3, 2, ['333.33', '333.33', '333.34']],
    ['100', 4, 2, ['25', '25', '25', '25']],
    ['0.05', 3, 2, ['0.01', '0.01', '0.03']],
    ['10', 3, 0, ['3', '3', '4']],
    ['12.3456', 2, 2, ['6.17', '6.1756']],
    ['500', 1, 2, ['500']],
  ])('%s over %i days (%i decimals) → %j', (total, days, digits, parts) => {
    const out = spreadAmount(total, days, digits);
    expect(out).toEqual(parts);
    expect(sumDecimals(out)).toBe(sumDecimals([total]));
  });
});

describe('hoursTimesRate', () => {
  it.each([
    ['7.5', '85', '637.5'],
    ['12', '62.50', '750'],
    ['0.25', '33.3333', '8.3333'],
    ['1.5', 'x', null],
  ])('%s h × %s = %s', (h, r, want) => {
    expect(hoursTimesRate(h, r)).toBe(want);
  });
});

describe('helpers', () => {
  it('lists dates inclusively across a month end and knows currency digits', () => {
    expect(datesBetween('2026-01-30', '2026-02-02')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    expect([currencyDigits('EUR'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
  });
});
