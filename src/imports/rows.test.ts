import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, toMoneyString } from './numbers.js';
import { readCostFile, readCostRows } from './read-cost-file.js';
import { PRESCAN_RECORDS, dateOrderVote, plainMoney } from './rows.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('plainMoney (the fast path of money cells)', () => {
  it('is undefined or exactly toMoneyString(parseDecimal(…)) for any digits-and-marks text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('0', '1', '5', '9', ',', '.'), { maxLength: 12 }).map((a) => a.join('')),
        fc.constantFrom(',' as const, '.' as const),
        (t, mark) => {
          const fast = plainMoney(t, mark);
          if (fast === undefined) return;
          const r = parseDecimal(t, mark);
          expect(r.ok && r.value ? toMoneyString(r.value) : null).toBe(fast);
        },
      ),
      { numRuns: 5000 },
    );
  });

  // Worked by hand from parseDecimal's rule (one mark followed by 3 digits after 1–3 digits is
  // ambiguous: the column's mark decides).
  it.each([
    ['1234', '.', '1234'],
    ['0012.50', '.', '12.5'],
    ['1,234', '.', '1234'],
    ['1,234', ',', '1.234'],
    ['0,123', '.', '0.123'],
    ['12.3456', ',', '12.3456'],
    ['12.34567', '.', undefined],
    ['-5', '.', undefined],
    ['1.234,5', ',', undefined],
  ] as const)('%s with mark %s → %s', (t, mark, out) => {
    expect(plainMoney(t, mark)).toBe(out);
  });
});

describe('dateOrderVote', () => {
  const reference = (v: string) => {
    const m = /^\s*(\d{1,2})[-/](\d{1,2})[-/]\d{4}/.exec(v);
    if (!m) return 0;
    return Number(m[1]) > 12 ? 1 : Number(m[2]) > 12 ? -1 : 0;
  };
  it('votes as the regular expression of decideDateOrder does', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('0', '1', '3', '9', '/', '-', ' ', '2026', 'a'), { maxLength: 9 })
          .map((a) => a.join('')),
        (v) => {
          expect(dateOrderVote(v)).toBe(reference(v));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('readCostRows', () => {
  const header = 'Day,Campaign name,Amount spent (EUR)\n';

  it('hands over the same rows as readCostFile holds, in order, with the same report', () => {
    const text = `${header}2026-03-01,A,"1,5"\n2026-03-02,B,2\nTotal,,3\n`;
    const streamed: unknown[] = [];
    const r = readCostRows(enc(text), { fileName: 'm.csv' }, (row) => streamed.push(row));
    const held = readCostFile(enc(text), { fileName: 'm.csv' });
    expect(streamed).toEqual(held.rows);
    expect({ ...r, rows: held.rows }).toEqual(held);
    expect(held.rows.map((x) => x.cost)).toEqual(['1.5', '2']);
  });

  // A file longer than the prescan whose early rows prove nothing (`1,234` reads as 1234 under the
  // English header's `.`) and whose later rows prove a decimal comma (`12,50`): the whole column
  // decides `,`, so the rows are read again and the early `1,234` is 1.234, as readRows' rule says.
  it('reads the rows again when the whole file decides a mark the prescan did not', () => {
    const early = Array.from({ length: PRESCAN_RECORDS }, () => '2026-03-01,A,"1,234"\n').join('');
    const late = Array.from({ length: PRESCAN_RECORDS + 10 }, () => '2026-03-02,B,"12,50"\n').join('');
    let headers = 0;
    let rows = 0;
    const r = readCostRows(
      enc(header + early + late),
      { fileName: 'm.csv' },
      () => rows++,
      () => {
        headers++;
        rows = 0;
      },
    );
    expect(headers).toBe(2);
    expect(rows).toBe(2 * PRESCAN_RECORDS + 10);
    const held = readCostFile(enc(header + early + late), { fileName: 'm.csv' });
    expect(held.rows[0]?.cost).toBe('1.234');
    expect(held.rows.at(-1)?.cost).toBe('12.5');
    expect(held.rows).toHaveLength(rows);
    expect(r.errors).toEqual([]);
  });

  it('does not read again when no cell depends on the late decision', () => {
    const early = Array.from({ length: PRESCAN_RECORDS }, () => '2026-03-01,A,7\n').join('');
    const late = Array.from({ length: PRESCAN_RECORDS + 10 }, () => '2026-03-02,B,"12,50"\n').join('');
    let headers = 0;
    readCostRows(
      enc(header + early + late),
      {},
      () => {},
      () => headers++,
    );
    expect(headers).toBe(1);
  });

  // Same for dates: `03/04/2026` is 4 March under an English header until later rows with a first
  // part above 12 prove day-month; then it is 3 April.
  it('reads the rows again when the whole file decides the other date order', () => {
    const h = 'Day,Campaign,Cost\n';
    const early = Array.from({ length: PRESCAN_RECORDS }, () => '03/04/2026,A,1\n').join('');
    const late = Array.from({ length: PRESCAN_RECORDS + 10 }, () => '25/04/2026,B,2\n').join('');
    const held = readCostFile(enc(h + early + late), { platform: 'generic' });
    expect(held.language).toBe('en');
    expect(held.rows[0]?.date).toBe('2026-04-03');
    expect(held.rows.at(-1)?.date).toBe('2026-04-25');
    expect(held.rows).toHaveLength(2 * PRESCAN_RECORDS + 10);
  });
});
