import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneySum, sumDecimals } from './decimal.js';

const sum = (values: string[]) => {
  const s = new MoneySum();
  for (const v of values) s.add(v);
  return s.total();
};

describe('MoneySum', () => {
  // Worked by hand in ten-thousandths.
  it.each([
    [[], '0'],
    [['0.1', '0.2'], '0.3'],
    [['99999999999.9999', '0.0001'], '100000000000'],
    [['12.5', '-2.25', '0'], '10.25'],
    [['1.23456'], '0'], // more than 4 decimals: not a money string, counted as 0 like sumDecimals
    [Array.from({ length: 1000 }, () => '9999999999.9999'), '9999999999999.9'],
  ])('%j → %s', (values, total) => {
    expect(sum(values)).toBe(total);
  });

  it('is exactly sumDecimals (the BigInt reference) for any list of money strings', () => {
    const money = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat({ max: 4 }))
      .map(([neg, units, scale]) => {
        const t = units.toString().padStart(scale + 1, '0');
        const s = scale ? `${t.slice(0, -scale)}.${t.slice(-scale)}` : t;
        return neg ? `-${s}` : s;
      });
    fc.assert(
      fc.property(fc.array(money, { maxLength: 50 }), (values) => {
        expect(sum(values)).toBe(sumDecimals(values));
      }),
      { numRuns: 2000 },
    );
  });
});
