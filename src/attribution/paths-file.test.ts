import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELATTRIBUTION_DATA_CSV } from '../../test/fixtures/attribution/refdata.js';
import { parsePathsFile, PathsFileError } from './paths-file.js';

const issuesOf = (text: string) => {
  try {
    parsePathsFile(text);
  } catch (e) {
    if (e instanceof PathsFileError) return e.issues;
    throw e;
  }
  throw new Error('parsed');
};

describe('parsePathsFile', () => {
  it('reads paths, sums duplicate rows, takes columns in any order, BOM and CRLF', () => {
    const text =
      '\uFEFFtotal_null;path;total_conversions;total_conversion_value\r\n' +
      '3;eta > iota > alpha > eta;1;0.244\r\n' +
      '1; a >b ;2;10\r\n' +
      '2;a > b;1;5\r\n' +
      '\r\n' +
      '0;;4;8\r\n';
    expect(parsePathsFile(text)).toEqual([
      { channels: ['eta', 'iota', 'alpha', 'eta'], conversions: 1, value: 0.244, nulls: 3 },
      { channels: ['a', 'b'], conversions: 3, value: 15, nulls: 3 },
      { channels: [], conversions: 4, value: 8, nulls: 0 },
    ]);
  });
  it('value and null columns are optional', () => {
    expect(parsePathsFile('path;total_conversions\nx;2\n')).toEqual([
      { channels: ['x'], conversions: 2, value: 0, nulls: 0 },
    ]);
  });
  it('names the line, column, value and reason of every bad cell', () => {
    const issues = issuesOf(
      'path;total_conversions;total_conversion_value;total_null\na > > b;1;2;3\nc;-1;2,5;\nd;1\n',
    );
    expect(issues).toEqual([
      {
        line: 2,
        column: 'path',
        value: 'a > > b',
        reason: 'has an empty step (two ">" in a row, or one at an end)',
      },
      {
        line: 3,
        column: 'total_conversions',
        value: '-1',
        reason: 'is not a number ≥ 0 (decimal point, e.g. 12.5)',
      },
      {
        line: 3,
        column: 'total_conversion_value',
        value: '2,5',
        reason: 'is not a number ≥ 0 (decimal point, e.g. 12.5)',
      },
      { line: 3, column: 'total_null', value: '', reason: 'is empty; expected a number ≥ 0' },
      { line: 4, column: 'total_conversion_value', value: 'd;1', reason: 'has 2 of 4 ;-separated cells' },
    ]);
    expect(() => parsePathsFile('path;total_conversions\n;x\n')).toThrow(/line 2, column total_conversions/);
  });
  it('a header without the path or conversions column is refused', () => {
    expect(issuesOf('paths,conversions\na,1\n')[0]).toMatchObject({ line: 1, column: 'path' });
  });
  it.skipIf(!CHANNELATTRIBUTION_DATA_CSV)(
    'reads ChannelAttribution Data.csv: 10,000 rows, 5,408 unique paths',
    () => {
      const paths = parsePathsFile(readFileSync(CHANNELATTRIBUTION_DATA_CSV!, 'utf8'));
      expect(paths).toHaveLength(5408); // python: len(set of paths) in markov_reference.py
      expect(paths.reduce((a, p) => a + p.conversions, 0)).toBe(19785);
      expect(paths.reduce((a, p) => a + p.nulls, 0)).toBe(68602);
    },
  );
});
