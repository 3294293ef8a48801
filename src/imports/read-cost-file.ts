/** `readCostFile`: one cost export (bytes) → cost rows, errors and what was detected. */
import type { CsvRecord } from './csv.js';
import { tokenizeCsv } from './csv.js';
import { decodeBytes, looksBinary } from './decode.js';
import { detectDelimiter } from './delimiter.js';
import { findHeader, likelyHeaderCells } from './layout.js';
import { COLUMN_MAPS } from './platforms/index.js';
import { readRows } from './rows.js';
import type { CostFileResult, ReadCostFileOptions } from './types.js';
import { isZip, readXlsxRecords } from './xlsx.js';

function fileError(base: CostFileResult, file: string, value: string, reason: string): CostFileResult {
  return { ...base, errors: [{ file, line: 0, column: '', value, reason }] };
}

/**
 * Read one cost file exported from Google Ads, Meta, TikTok, LinkedIn, Microsoft Advertising or
 * made by hand (generic), as CSV/TSV in any of the encodings `decodeBytes` knows, or as XLSX
 * (ZIP magic `PK\x03\x04`; first worksheet). Steps: decode → detect the delimiter → tokenize →
 * find the header row under any preamble and match it to a platform (`auto`: the best-scoring
 * column map; else the one asked for) → read the data rows, skipping blank, totals and footer
 * rows. Never throws: an empty, binary or unrecognised file gives one file-level error (line 0)
 * and no rows; a bad cell gives an error naming file, line, column and value, and its row is left
 * out. Pure and synchronous: no I/O, usable in the browser.
 */
export function readCostFile(bytes: Uint8Array, opts: ReadCostFileOptions = {}): CostFileResult {
  const file = opts.fileName ?? 'file';
  const only = opts.platform && opts.platform !== 'auto' ? opts.platform : null;
  const result: CostFileResult = {
    platform: only ?? 'generic',
    language: 'unknown',
    encoding: 'utf-8',
    delimiter: ',',
    headerLine: 0,
    dateRange: null,
    rows: [],
    errors: [],
    skipped: 0,
  };
  if (bytes.length === 0) return fileError(result, file, '', 'the file is empty');
  let records: CsvRecord[];
  if (isZip(bytes)) {
    const read = readXlsxRecords(bytes);
    if ('error' in read) return fileError(result, file, '', `not a cost export: ${read.error}`);
    records = read;
    result.delimiter = 'xlsx';
  } else {
    const decoded = decodeBytes(bytes);
    result.encoding = decoded.encoding;
    if (looksBinary(decoded.text)) {
      return fileError(result, file, '', 'not a CSV, TSV or Excel file (it holds binary data)');
    }
    if (decoded.text.trim() === '') return fileError(result, file, '', 'the file is empty');
    result.delimiter = detectDelimiter(decoded.text);
    records = tokenizeCsv(decoded.text, result.delimiter);
  }
  if (records.every((r) => r.cells.every((c) => c.trim() === ''))) {
    return fileError(result, file, '', 'the file is empty');
  }
  const layout = findHeader(records, only);
  if (!layout) {
    const seen = likelyHeaderCells(records);
    const wanted = only
      ? COLUMN_MAPS[only].label
      : 'Google Ads, Meta, TikTok, LinkedIn, Microsoft Advertising or generic';
    return fileError(
      result,
      file,
      seen.join(' | '),
      `unknown layout: ${file} has no header row of a ${wanted} cost export (a date, a campaign and a cost column); headers found: ${seen.join(', ') || 'none'}`,
    );
  }
  const header = records[layout.headerIndex] as CsvRecord;
  const { rows, errors, skipped } = readRows(records, layout.headerIndex, {
    file,
    header: header.cells,
    match: layout.match,
    xlsx: result.delimiter === 'xlsx',
    delimiter: result.delimiter,
    currency: opts.currency,
  });
  let min: string | null = null;
  let max: string | null = null;
  for (const r of rows) {
    const end = r.date_end ?? r.date;
    if (min === null || r.date < min) min = r.date;
    if (max === null || end > max) max = end;
  }
  return {
    ...result,
    platform: layout.match.platform,
    language: layout.match.language,
    headerLine: header.line,
    dateRange: min !== null && max !== null ? [min, max] : null,
    rows,
    errors,
    skipped,
  };
}
