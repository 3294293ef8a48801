import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideDecimalMark, decimalMarkOf, parseDecimal, parseNumber, toMoneyString } from './numbers.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseNumber', () => {
  it.each([
    ['1.234,56', ',', 1234.56],
    ['1,234.56', '.', 1234.56],
    ['1,234.56', ',', 1234.56],
    ['1.234,56', '.', 1234.56],
    [`1${NBSP}178`, ',', 1178],
    [`1${NNBSP}178`, ',', 1178],
    ['1 178', ',', 1178],
    [`1${NNBSP}204,10`, ',', 1204.1],
    ['9,36', ',', 9.36],
    ['9,36', '.', 9.36],
    ['23,55', '.', 23.55],
    ['1,61%', ',', 1.61],
    ['0,341%', ',', 0.341],
    ['€ 12,50', ',', 12.5],
    ['€12,50', ',', 12.5],
    ['12.50 EUR', '.', 12.5],
    ['EUR 12.50', '.', 12.5],
    ['$1,234.50', '.', 1234.5],
    ['-3,5', ',', -3.5],
    ['−3.5', '.', -3.5],
    ['(3.50)', '.', -3.5],
    ['+7', '.', 7],
    ['1.234.567', '.', 1234567],
    ['1,234,567', ',', 1234567],
    ['1.234.567,8', '.', 1234567.8],
    ['0,123', '.', 0.123],
    ['0.123', ',', 0.123],
    ['12,3456', '.', 12.3456],
    ['.5', '.', 0.5],
    ['007', '.', 7],
    // The ambiguous single separator followed by three digits: the column's mark decides.
    ['1,234', '.', 1234],
    ['1,234', ',', 1.234],
    ['1.234', ',', 1234],
    ['1.234', '.', 1.234],
    ['1234,567', '.', 1234.567],
  ] as const)('%s with decimal mark %s → %d', (raw, mark, expected) => {
    expect(parseNumber(raw, mark)).toBe(expected);
  });

  it.each(['', ' ', '--', '-', '< 5', '<5', 'N/A', '—'])('%j is missing (null)', (raw) => {
    expect(parseDecimal(raw)).toEqual({ ok: true, value: null });
  });

  it.each(['abc', '12.5O', '1,2,3.4.5', '1.23.4', '1,23,4', '12,', '1..2', '12 EURO', '5e3', '1,234.56.7'])(
    '%j is not a number',
    (raw) => {
      expect(parseDecimal(raw, '.')).toEqual({ ok: false, reason: 'not a number' });
    },
  );

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(',' as const, '.' as const), (s, mark) => {
        const n = parseNumber(s, mark);
        return n === null || Number.isFinite(n);
      }),
    );
  });

  it('reads back a number formatted in nl, fr and en style', () => {
    const locales = { nl: 'nl-NL', fr: 'fr-FR', en: 'en-US' } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('nl', 'fr', 'en'),
        fc.boolean(),
        (int, decimals, lang, grouping) => {
          const value = int / 10 ** decimals;
          const text = new Intl.NumberFormat(locales[lang], {
            minimumFractionDigits: decimals,
            maximumFractionDigits: decimals,
            useGrouping: grouping,
          }).format(value);
          return parseNumber(text, lang === 'en' ? '.' : ',') === value;
        },
      ),
    );
  });
});

describe('toMoneyString', () => {
  it.each([
    ['1.234,56', ',', '1234.56'],
    ['12,50', ',', '12.5'],
    ['0,00', ',', '0'],
    ['-0.00', '.', '0'],
    ['0.123456', '.', '0.1235'],
    ['0.12344', '.', '0.1234'],
    ['9.99995', '.', '10'],
    ['-2.00005', '.', '-2.0001'],
    ['12.300000000000001', '.', '12.3'],
    ['1000', '.', '1000'],
  ] as const)('%s → %s (≤ 4 decimals, no float noise)', (raw, mark, expected) => {
    const r = parseDecimal(raw, mark);
    expect(r.ok && r.value ? toMoneyString(r.value) : null).toBe(expected);
  });
});

describe('deciding the decimal mark', () => {
  it.each([
    ['1.234,56', ','],
    ['1,234.56', '.'],
    ['1,234,567', '.'],
    ['1.234.567', ','],
    ['23,55', ','],
    ['0,123', ','],
    ['12.5', '.'],
    ['1,234', null],
    ['1.234', null],
    ['1234', null],
    ['--', null],
  ] as const)('%s proves %s', (raw, mark) => {
    expect(decimalMarkOf(raw)).toBe(mark);
  });

  it('uses the column, then the fallback', () => {
    expect(decideDecimalMark(['1,234', '12,5'], '.')).toBe(',');
    expect(decideDecimalMark(['1,234', '1,234.5'], ',')).toBe('.');
    expect(decideDecimalMark(['1,234', '2,345'], ',')).toBe(',');
    expect(decideDecimalMark(['1,234', '2,345'], null)).toBeNull();
  });
});

describe('decimalMarkOf (one pass) against its first, string-splitting version', () => {
  const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200a\u2008\u2006\u205f\u3000']/g;
  const MISSING = new Set(['', '--', '-', '—', '–', 'n/a', 'na', 'nan', 'null', '(not set)', 'x']);
  const reference = (raw: string) => {
    const lower = raw.trim().toLowerCase();
    if (MISSING.has(lower) || /^<\s*\d+$/.test(lower)) return null;
    const t = raw.replace(SPACES, '').replace(/[^\d.,]/g, '');
    const commas = t.split(',').length - 1;
    const dots = t.split('.').length - 1;
    if (commas && dots) return t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    if (commas > 1) return '.';
    if (dots > 1) return ',';
    if (commas + dots !== 1) return null;
    const sep = commas ? ',' : '.';
    const [int = '', frac = ''] = t.split(sep);
    if (frac.length !== 3 || int === '0' || int === '' || int.length > 3) return sep;
    return null;
  };
  it('proves the same mark for any cell', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('0', '1', '7', ',', '.', ' ', '€', '-', '<', 'x', '\u00a0'), {
            maxLength: 10,
          })
          .map((a) => a.join('')),
        (raw) => {
          expect(decimalMarkOf(raw)).toBe(reference(raw));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
