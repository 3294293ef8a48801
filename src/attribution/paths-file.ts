import type { AggregatedPath } from './types.js';

/** One bad cell of an aggregated-paths file: 1-based line, the column's name, the value and why. */
export interface PathsFileIssue {
  line: number;
  column: string;
  value: string;
  reason: string;
}

/** Every bad cell of a paths file (nothing is attributed from a file with one): the CLI lists them. */
export class PathsFileError extends Error {
  constructor(readonly issues: PathsFileIssue[]) {
    super(
      `${issues.length} bad cell${issues.length === 1 ? '' : 's'} in the paths file; first: line ${issues[0]!.line}, column ${issues[0]!.column}: ${issues[0]!.reason}`,
    );
    this.name = 'PathsFileError';
  }
}

const COLUMNS = ['path', 'total_conversions', 'total_conversion_value', 'total_null'] as const;
const REQUIRED = ['path', 'total_conversions'];
const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse aggregated paths in ChannelAttribution's format (PRODUCT.md): `;`-separated, a header naming
 * `path;total_conversions;total_conversion_value;total_null` (any order; value and null optional, 0 when
 * absent), a path as labels joined by `>` (`a > b > c`; an empty path = conversions without touchpoint,
 * credited to Direct). Numbers use a decimal point and must be ≥ 0. Every bad cell is reported with its
 * line and column; rows with the same path are added up.
 */
export function parsePathsFile(text: string): AggregatedPath[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const issues: PathsFileIssue[] = [];
  const header = (lines[0] ?? '').split(';').map((h) => h.trim().toLowerCase());
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    if ((COLUMNS as readonly string[]).includes(h)) at.set(h, i);
  });
  for (const c of REQUIRED)
    if (!at.has(c))
      issues.push({
        line: 1,
        column: c,
        value: lines[0] ?? '',
        reason: `the header must name the column ${c} (${COLUMNS.join(';')})`,
      });
  if (issues.length) throw new PathsFileError(issues);
  const byPath = new Map<string, AggregatedPath>();
  for (let l = 1; l < lines.length; l++) {
    const raw = lines[l]!;
    if (raw.trim() === '') continue;
    const cells = raw.split(';');
    const line = l + 1;
    const num = (col: (typeof COLUMNS)[number]): number => {
      const i = at.get(col);
      if (i === undefined) return 0;
      const v = (cells[i] ?? '').trim();
      if (!NUMBER.test(v)) {
        issues.push({
          line,
          column: col,
          value: v,
          reason:
            v === '' ? 'is empty; expected a number ≥ 0' : 'is not a number ≥ 0 (decimal point, e.g. 12.5)',
        });
        return 0;
      }
      return Number(v);
    };
    if (cells.length < header.length) {
      issues.push({
        line,
        column: COLUMNS[cells.length] ?? 'path',
        value: raw,
        reason: `has ${cells.length} of ${header.length} ;-separated cells`,
      });
      continue;
    }
    let pathText = (cells[at.get('path')!] ?? '').trim();
    if (pathText.length >= 2 && pathText.startsWith('"') && pathText.endsWith('"'))
      pathText = pathText.slice(1, -1).trim();
    const channels = pathText === '' ? [] : pathText.split('>').map((s) => s.trim());
    if (channels.some((c) => c === ''))
      issues.push({
        line,
        column: 'path',
        value: pathText,
        reason: 'has an empty step (two ">" in a row, or one at an end)',
      });
    const conversions = num('total_conversions');
    const value = num('total_conversion_value');
    const nulls = num('total_null');
    const key = channels.join('\u0000');
    const p = byPath.get(key);
    if (p) {
      p.conversions += conversions;
      p.value += value;
      p.nulls += nulls;
    } else byPath.set(key, { channels, conversions, value, nulls });
  }
  if (issues.length) throw new PathsFileError(issues);
  return [...byPath.values()];
}
