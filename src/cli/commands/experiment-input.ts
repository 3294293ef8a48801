import { tokenizeCsv } from '../../imports/index.js';
import { StatsInputError } from '../../stats/index.js';
import { CliError } from '../errors.js';

/** What the experiment commands share: errors that name the flag or the CSV cell, and CSV reading. */

export const invalid = (field: string, reason: string) =>
  new CliError(`Invalid ${field}: ${reason}.`, 2, [{ field, reason }]);

export function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw invalid(flag, `must be a number (got "${v}")`);
  return n;
}

/** StatsInputError names the statistic's field; the user knows the flag or the CSV column. */
export function asCliError(e: unknown, fieldToFlag: (f: string) => string): never {
  if (e instanceof StatsInputError) throw invalid(fieldToFlag(e.field), e.reason);
  throw e;
}

/**
 * A small CSV of a user's (aggregates, factorial cells): `;` when the first line has no `,` (a
 * spreadsheet in a Dutch or French locale, which also writes decimal commas), blank lines dropped,
 * the header lower-cased.
 */
export function csvTable(text: string) {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const decimal: ',' | '.' = delimiter === ';' ? ',' : '.';
  const records = tokenizeCsv(clean, delimiter).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) throw invalid('--file', 'is empty');
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
  return { decimal, records, header };
}
