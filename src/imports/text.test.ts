import { describe, expect, it } from 'vitest';
import { tokenizeCsv } from './csv.js';
import { decodeBytes, decodeWindows1252, looksBinary, repairMojibake, sniffUtf16 } from './decode.js';
import { detectDelimiter } from './delimiter.js';
import { normalizeHeader } from './headers.js';
import { isFooterRow, isTotalsRow } from './layout.js';

const utf16 = (s: string, le: boolean) =>
  Uint8Array.from([...s].flatMap((c) => (le ? [c.charCodeAt(0), 0] : [0, c.charCodeAt(0)])));

describe('decodeBytes', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x43, 0x6f, 0xc3, 0xbb, 0x74], 'utf-8', 'Coût', true],
    [[0x43, 0x6f, 0xc3, 0xbb, 0x74], 'utf-8', 'Coût', false],
    [[0xff, 0xfe, 0x44, 0, 0x61, 0, 0x79, 0], 'utf-16le', 'Day', true],
    [[0xfe, 0xff, 0, 0x44, 0, 0x61, 0, 0x79], 'utf-16be', 'Day', true],
    [[0x43, 0x6f, 0xfb, 0x74, 0x20, 0x92, 0x80], 'windows-1252', 'Coût ’€', false],
  ] as const)('%j → %s', (bytes, encoding, text, bom) => {
    expect(decodeBytes(Uint8Array.from(bytes))).toEqual({ text, encoding, bom });
  });

  it('recognises UTF-16 without a BOM by its NUL bytes', () => {
    expect(sniffUtf16(utf16('Day\tCampaign\tCost', true))).toBe('utf-16le');
    expect(decodeBytes(utf16('Day\tCampaign\tCost', false))).toEqual({
      text: 'Day\tCampaign\tCost',
      encoding: 'utf-16be',
      bom: false,
    });
    expect(sniffUtf16(new TextEncoder().encode('Day,Campaign,Cost'))).toBeNull();
  });

  it('maps windows-1252 C1 bytes to their characters', () => {
    expect(decodeWindows1252(Uint8Array.from([0x64, 0x92, 0xe9, 0x80]))).toBe('d’é€');
  });

  it.each([
    ['Montant dÃ©pensÃ© (EUR)', 'Montant dépensé (EUR)'],
    ['Nom de lâ€™ensemble de publicitÃ©s', 'Nom de l’ensemble de publicités'],
    ['Montant dépensé (EUR)', 'Montant dépensé (EUR)'],
    ['Ã la carte', 'Ã la carte'],
  ])('repairMojibake(%j) → %j', (raw, fixed) => {
    expect(repairMojibake(raw)).toBe(fixed);
  });

  it('tells binary data from text', () => {
    expect(looksBinary('a\u0000b')).toBe(true);
    expect(looksBinary('Day\tCost\r\n2026-03-01\t1,5\r\n')).toBe(false);
  });
});

describe('tokenizeCsv', () => {
  it('follows RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'a,"b, c","say ""hi"""\r\n"multi\nline",x,\n\nlast';
    expect(tokenizeCsv(text, ',')).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 2, cells: ['multi\nline', 'x', ''] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['last'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field and ends without an extra record', () => {
    expect(tokenizeCsv('5" screen;1\n', ';')).toEqual([{ line: 1, cells: ['5" screen', '1'] }]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Day,Campaign,Cost\n2026-03-01,A,"1,5"\n', ','],
    ['Datum;Campagne;Kosten\n01-03-2026;A;1,5\n01-03-2026;B;2,25\n', ';'],
    ['Day\tCampaign\tCost\n2026-03-01\tA, B\t1.5\n', '\t'],
    ['Campaign report\n"July 1, 2026 - July 31, 2026"\nDay,Campaign,Cost\n2026-07-01,A,1\n', ','],
    ['"Report Name: x"\n"Rows: 1"\n\n"Gregorian date","Campaign name","Spend"\n"3/1/2026","A","1.5"\n', ','],
  ] as const)('%j → %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('headers and layout', () => {
  it.each([
    ['Amount spent (EUR)', 'amount spent', 'EUR'],
    ['Montant\u00a0dépensé (USD)', 'montant dépensé', 'USD'],
    ['Nom de l’ensemble de publicités', "nom de l'ensemble de publicités", null],
    ['  Start Date (in UTC) ', 'start date (in utc)', null],
    ['Campagne-ID', 'campagne id', null],
    ['ad_group', 'ad group', null],
    ['Cost (ABC)', 'cost (abc)', null],
  ])('normalizeHeader(%j) → %j, %j', (raw, key, currency) => {
    expect(normalizeHeader(raw)).toEqual({ key, currency });
  });

  it.each([
    [['Total: Account', '', '12'], true],
    [['Total : Campagnes', '', '12'], true],
    [['Totaal: account', '12'], true],
    [['', 'Totaux', '12'], true],
    [['Total', '12'], true],
    [['Total Brand', '2026-03-01', '12'], false],
    [['2026-03-01', 'Total', '12'], false],
  ])('isTotalsRow(%j) → %s', (cells, expected) => {
    expect(isTotalsRow(cells)).toBe(expected);
  });

  it.each([
    [['©2026 Microsoft Corporation. All rights reserved. '], true],
    [['@2020 Microsoft Corporation. All rights reserved. ', ''], true],
    [['2026-03-01', '©2026'], false],
  ])('isFooterRow(%j) → %s', (cells, expected) => {
    expect(isFooterRow(cells)).toBe(expected);
  });
});
