import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, tokenizeCsv, type CsvRecord } from './csv.js';

/**
 * The reference: the tokenizer as first written (one character at a time, the same rule as
 * `CsvReader`'s doc comment), with its one bug fixed (a CRLF inside quotes came out as CR CR). The
 * slice-based cursor must give exactly its records on any input.
 */
function referenceTokenize(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  let quoted = false;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' && text[i + 1] === '\n') {
        // (The first version wrote '\r\r' here: it appended the CR twice.)
        field += '\r\n';
        i += 2;
        line++;
        continue;
      }
      if (ch === '\r' || ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || cells.length > 0 || !atFieldStart) endRecord();
  return records;
}

/** Text made of the characters that matter to a tokenizer, so that every edge case comes up. */
const csvText = fc
  .array(fc.constantFrom('a', 'é', ' ', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', '12,5'), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

describe('CsvReader', () => {
  it('gives exactly the records of the reference tokenizer, for any text and delimiter', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(',', ';', '\t'), (text, d) => {
        expect(tokenizeCsv(text, d)).toEqual(referenceTokenize(text, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('resumes at any record boundary with the right line numbers', () => {
    fc.assert(
      fc.property(csvText, fc.nat(), (text, at) => {
        const all = referenceTokenize(text, ',');
        const head = new CsvReader(text, ',');
        const skip = all.length === 0 ? 0 : at % all.length;
        for (let k = 0; k < skip; k++) head.next();
        const rest = new CsvReader(text, ',', head.position, head.lineAtPosition);
        const out: CsvRecord[] = [];
        while (rest.next()) out.push({ line: rest.line, cells: rest.cells.slice() });
        expect(out).toEqual(all.slice(skip));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['', []],
    ['\n', [{ line: 1, cells: [''] }]],
    ['a,', [{ line: 1, cells: ['a', ''] }]],
    ['"x"y,z', [{ line: 1, cells: ['xy', 'z'] }]],
    ['"open\r\nquote', [{ line: 1, cells: ['open\r\nquote'] }]],
    [
      'a\rb\r\nc',
      [
        { line: 1, cells: ['a'] },
        { line: 2, cells: ['b'] },
        { line: 3, cells: ['c'] },
      ],
    ],
  ] as const)('%j → %j', (text, records) => {
    expect(tokenizeCsv(text, ',')).toEqual(records);
  });
});
