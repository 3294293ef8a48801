/**
 * One RFC 4180 CSV line: a cell holding a comma, a quote or a line break is quoted, with quotes
 * doubled; null and undefined are empty cells.
 */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
