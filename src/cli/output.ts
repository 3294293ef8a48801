import { csvLine } from '../core/csv-line.js';

/** Output formats every data command supports (`--format table|csv|json`, `--json` alias). */
export type OutputFormat = 'table' | 'csv' | 'json';

export function parseFormat(opts: { format?: string; json?: boolean }): OutputFormat {
  if (opts.json) return 'json';
  const f = opts.format ?? 'table';
  if (f !== 'table' && f !== 'csv' && f !== 'json')
    throw new Error(`--format must be table, csv or json (got "${f}")`);
  return f;
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
