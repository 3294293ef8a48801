import { describe, expect, it } from 'vitest';
import { date, money, num, pct, ratio } from './format';

// Known answers: CLDR's conventions as ICU formats them (Node and Chromium share ICU): Belgian Dutch
// puts the euro sign before with a space and uses "." for thousands; Belgian French writes
// "1 234,56 €" with narrow no-break spaces (U+202F) between thousands and a no-break space (U+00A0)
// before the sign; English "€1,234.56". Exact string equality, no tolerance.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('money', () => {
  it.each([
    ['nl', 1234.56, `€${NBSP}1.234,56`],
    ['fr', 1234.56, `1${NNBSP}234,56${NBSP}€`],
    ['en', 1234.56, '€1,234.56'],
    ['nl', '-0.5', `€${NBSP}-0,50`],
    ['en', 0, '€0.00'],
  ] as const)('%s %s → %j', (lang, v, out) => {
    expect(money(lang, v, 'EUR')).toBe(out);
  });

  it.each([null, undefined, Number.NaN, Infinity, 'abc'])('shows a dash for %j (never NaN)', (v) => {
    expect(money('en', v as number, 'EUR')).toBe('–');
  });
});

describe('num, pct, ratio, date', () => {
  it.each([
    ['nl', num, 1234567, `1.234.567`],
    ['fr', num, 1234567, `1${NNBSP}234${NNBSP}567`],
    ['en', num, 1234567, '1,234,567'],
    ['nl', (l: 'nl', v: number) => pct(l, v, 1), 0.0682, `6,8%`],
    ['fr', (l: 'fr', v: number) => pct(l, v, 1), 0.0682, `6,8${NBSP}%`],
    ['en', (l: 'en', v: number) => pct(l, v, 1), -0.156, '-15.6%'],
    ['nl', ratio, 9.479089, '9,48×'],
    ['en', ratio, 9.479089, '9.48×'],
  ] as const)('%s %#', (lang, f, v, out) => {
    expect((f as (l: string, v: number) => string)(lang, v)).toBe(out);
  });

  it('shows a local date without moving it through the time zone', () => {
    expect(date('nl', '2026-03-01')).toBe('1 mrt 2026');
    expect(date('en', '2026-12-31')).toBe('Dec 31, 2026');
    expect(date('fr', '2026-02-01')).toBe('1 févr. 2026');
  });
});
