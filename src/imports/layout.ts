/** Where the table is in an export: preamble above the header, totals and footers below. */
import type { CsvRecord } from './csv.js';
import { bestMatch } from './headers.js';
import type { HeaderMatch } from './headers.js';
import type { CostPlatform } from './types.js';

/** How many records from the top may hold the header row (Microsoft's preamble is ~10 lines). */
export const HEADER_SCAN = 40;

/** True when every cell of the record is empty or whitespace. */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

const TOTALS = /^(?:totals?|totaal|totalen|totaux|grand total|total g[ée]n[ée]ral)(?:\s*:.*)?$/i;

/**
 * True for a totals row: its first non-empty cell is `Total`, `Totaal`, `Totaux` (also `Totals`,
 * `Totalen`, `Grand total`, `Total général`), alone or followed by `:` and a scope, as in Google
 * Ads' `Total: Account`, `Total : Campagnes`, `Totaal: account`. A campaign called `Total Brand`
 * is not a totals row.
 */
export function isTotalsRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '');
  return first !== undefined && TOTALS.test(first.trim().replace(/\u00a0/g, ' '));
}

/**
 * True for a footer row: one non-empty cell holding a copyright notice, like Microsoft
 * Advertising's `©2026 Microsoft Corporation. All rights reserved.` (also written with `@`).
 */
export function isFooterRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length !== 1) return false;
  const t = (filled[0] as string).trim();
  return (
    /^[©@]\s*\d{4}/.test(t) || /all rights reserved|tous droits réservés|alle rechten voorbehouden/i.test(t)
  );
}

/**
 * Layout evidence from the lines above a header: `Report Name:` (Microsoft Advertising), a first
 * line ending in `(in UTC)` (LinkedIn), exactly two non-blank lines (Google Ads' title and date
 * range). Each adds 2 points to that platform's header score.
 */
export function preambleBonus(preamble: readonly CsvRecord[]): Partial<Record<CostPlatform, number>> {
  const lines = preamble.filter((r) => !isBlankRecord(r.cells)).map((r) => r.cells.join(' ').trim());
  if (lines.some((l) => /^report name\s*:/i.test(l))) return { microsoft: 2 };
  if (/\(in utc\)$/i.test(lines[0] ?? '')) return { linkedin: 2 };
  if (lines.length === 2) return { 'google-ads': 2 };
  return {};
}

export interface TableLayout {
  /** Index into the records of the header row. */
  headerIndex: number;
  match: HeaderMatch;
}

/**
 * Find the header row: the first of the top `HEADER_SCAN` records that fits a column map (see
 * `bestMatch`), scored with the evidence of the records above it (`preambleBonus`). Rows before it
 * are preamble. Null when no row fits: the layout is unknown.
 */
export function findHeader(records: readonly CsvRecord[], only: CostPlatform | null): TableLayout | null {
  const top = Math.min(records.length, HEADER_SCAN);
  for (let i = 0; i < top; i++) {
    const rec = records[i] as CsvRecord;
    if (rec.cells.filter((c) => c.trim() !== '').length < 2) continue;
    const found = bestMatch(rec.cells, only, preambleBonus(records.slice(0, i)));
    if (found) return { headerIndex: i, match: found.match };
  }
  return null;
}

/**
 * The header cells to show when no layout fits: the widest of the top records (a header row is
 * usually the widest line), without empty cells.
 */
export function likelyHeaderCells(records: readonly CsvRecord[]): string[] {
  let best: string[] = [];
  for (const r of records.slice(0, HEADER_SCAN)) {
    const filled = r.cells.map((c) => c.trim()).filter((c) => c !== '');
    if (filled.length > best.length) best = filled;
  }
  return best;
}
