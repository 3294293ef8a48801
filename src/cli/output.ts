import { csvLine } from '../core/csv-line.js';
import { CliError } from './errors.js';

/** Output formats every data command supports (`--format table|csv|json`, `--json` alias). */
export type OutputFormat = 'table' | 'csv' | 'json';

export function parseFormat(opts: { format?: string; json?: boolean }): OutputFormat {
  if (opts.json) return 'json';
  const f = opts.format ?? 'table';
  if (f !== 'table' && f !== 'csv' && f !== 'json')
    throw new Error(`--format must be table, csv or json (got "${f}")`);
  return f;
}

/**
 * `--locale` of the report tables: a language tag this runtime formats numbers in (nl-BE, fr-BE,
 * en-GB, …), or undefined when not given (the workspace's then). A bad tag names the flag.
 */
export function parseLocale(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let known = false;
  try {
    known = Intl.NumberFormat.supportedLocalesOf([value]).length > 0;
  } catch {
    // RangeError: not a well-formed language tag.
  }
  if (!known)
    throw new CliError('Invalid --locale.', 2, [
      { field: '--locale', reason: `"${value}" is not a language tag such as nl-BE, fr-BE or en-GB` },
    ]);
  return value;
}

/** Render rows: an aligned table (numbers right-aligned), RFC 4180 CSV, or JSON. */
export function render(
  rows: Array<Record<string, unknown>>,
  columns: string[],
  format: OutputFormat,
  /** Columns to right-align although their values are preformatted text (localised numbers). */
  rightAlign: ReadonlySet<string> = new Set(),
): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv')
    return [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c])))].join('\n');
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) =>
    columns.map((c) => (r[c] === null || r[c] === undefined ? '—' : String(r[c]))),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const numeric = columns.map(
    (c) => rightAlign.has(c) || rows.every((r) => typeof r[c] === 'number' || r[c] === null),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
