/** `readCostFile`: one cost export (bytes) → cost rows, errors and what was detected. */
import type { CsvRecord } from './csv.js';
import { CsvReader } from './csv.js';
import { decodeBytes, looksBinary } from './decode.js';
import { detectDelimiter } from './delimiter.js';
import { HEADER_SCAN, findHeader, isBlankRecord, likelyHeaderCells } from './layout.js';
import { COLUMN_MAPS } from './platforms/index.js';
import { readRows, type RecordSource } from './rows.js';
import type { CostFileResult, CostFileRow, CostPlatform, ReadCostFileOptions } from './types.js';
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
 * out. Pure and synchronous: no I/O, usable in the browser. Holds every row; large files go
 * through `readCostRows`.
 */
export function readCostFile(bytes: Uint8Array, opts: ReadCostFileOptions = {}): CostFileResult {
  const rows: CostFileRow[] = [];
  const result = readCostRows(
    bytes,
    opts,
    (row) => rows.push(row),
    () => (rows.length = 0),
  );
  return { ...result, rows };
}

/** Records between progress calls. */
const PROGRESS_EVERY = 16_384;

/**
 * `readCostFile` for files of any size: the same reading and the same result, except that each
 * good row is handed to `onRow` as it is read (in file order) and `rows` in the result stays empty.
 * The text is tokenized one record at a time (a prescan of the first records, then one pass; see
 * `readRows`), so memory stays at about the size of the file. `onHeader` is told the platform and
 * language once the header row has been matched, before the first row; when it is called again,
 * the rows handed over before are void and all rows follow once more (rare: see `readRows`).
 * `opts.onProgress(done, total)` reports how much of the file the row pass has read (characters
 * of the text, or records of an XLSX sheet).
 */
export function readCostRows(
  bytes: Uint8Array,
  opts: ReadCostFileOptions,
  onRow: (row: CostFileRow) => void,
  onHeader?: (found: { platform: CostPlatform; language: CostFileResult['language'] }) => void,
): CostFileResult {
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
  /** The top records (where the header is), and the records after the header. */
  let top: CsvRecord[];
  let after: (headerIndex: number) => RecordSource;
  let allBlank: () => boolean;
  if (isZip(bytes)) {
    const read = readXlsxRecords(bytes);
    if ('error' in read) return fileError(result, file, '', `not a cost export: ${read.error}`);
    result.delimiter = 'xlsx';
    top = read.slice(0, HEADER_SCAN);
    allBlank = () => read.every((r) => isBlankRecord(r.cells));
    let passes = 0;
    after = (headerIndex) => (visit) => {
      const report = ++passes > 1 ? opts.onProgress : undefined;
      for (let i = headerIndex + 1; i < read.length; i++) {
        const r = read[i] as CsvRecord;
        if (visit(r.cells, r.line) === false) return;
        if (report && i % PROGRESS_EVERY === 0) report(i, read.length);
      }
      report?.(read.length, read.length);
    };
  } else {
    const decoded = decodeBytes(bytes);
    result.encoding = decoded.encoding;
    if (looksBinary(decoded.text)) {
      return fileError(result, file, '', 'not a CSV, TSV or Excel file (it holds binary data)');
    }
    const text = decoded.text;
    if (text.trim() === '') return fileError(result, file, '', 'the file is empty');
    const delimiter = detectDelimiter(text);
    result.delimiter = delimiter;
    top = [];
    const head = new CsvReader(text, delimiter);
    const resume: Array<{ position: number; line: number }> = [];
    while (top.length < HEADER_SCAN && head.next()) {
      top.push({ line: head.line, cells: head.cells.slice() });
      resume.push({ position: head.position, line: head.lineAtPosition });
    }
    allBlank = () => {
      const r = new CsvReader(text, delimiter);
      while (r.next()) if (!isBlankRecord(r.cells)) return false;
      return true;
    };
    let passes = 0;
    after = (headerIndex) => (visit) => {
      const from = resume[headerIndex] as { position: number; line: number };
      const r = new CsvReader(text, delimiter, from.position, from.line);
      const report = ++passes > 1 ? opts.onProgress : undefined;
      let k = 0;
      while (r.next()) {
        if (visit(r.cells, r.line) === false) return;
        if (report && ++k % PROGRESS_EVERY === 0) report(r.position, text.length);
      }
      report?.(text.length, text.length);
    };
  }
  if (top.every((r) => isBlankRecord(r.cells)) && allBlank()) {
    return fileError(result, file, '', 'the file is empty');
  }
  const layout = findHeader(top, only);
  if (!layout) {
    const seen = likelyHeaderCells(top);
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
  const header = top[layout.headerIndex] as CsvRecord;
  const found = { platform: layout.match.platform, language: layout.match.language };
  onHeader?.(found);
  const read = readRows(
    after(layout.headerIndex),
    {
      file,
      header: header.cells,
      match: layout.match,
      xlsx: result.delimiter === 'xlsx',
      delimiter: result.delimiter,
      currency: opts.currency,
    },
    onRow,
    () => onHeader?.(found),
  );
  return {
    ...result,
    platform: layout.match.platform,
    language: layout.match.language,
    headerLine: header.line,
    dateRange: read.dateRange,
    errors: read.errors,
    skipped: layout.headerIndex + read.skipped,
  };
}
