import { describe, expect, it } from 'vitest';
import { csvLine } from './csv-line.js';

describe('csvLine (RFC 4180)', () => {
  it.each([
    [['a', 1, null, undefined], 'a,1,,'],
    [['Brand, NL', 'say "hi"', 'two\nlines'], '"Brand, NL","say ""hi""","two\nlines"'],
    [[0.25, true, ''], '0.25,true,'],
  ])('%j → %s', (values, line) => expect(csvLine(values)).toBe(line));
});
