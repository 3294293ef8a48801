/** A CSV/TSV tokenizer (RFC 4180 plus the tolerances real exports need). */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * A cursor over the records of CSV/TSV text, one record at a time, so that a million-row export is
 * never held as a million arrays. The rule is RFC 4180: fields separated by `delimiter`, records by
 * CRLF, LF or CR; a field that starts with `"` runs to the next lone `"` and may hold delimiters,
 * line breaks and doubled quotes (`""` → `"`). Tolerances: a quote inside an unquoted field is kept
 * as text; characters after a closing quote are appended; an unclosed quote runs to the end of the
 * text. A trailing line break does not make an extra record. Unquoted fields are taken as slices of
 * the text (no per-character string building), which is what makes it fast.
 */
export class CsvReader {
  /** Cells of the current record (a new array per record: truncating one costs more). */
  cells: string[] = [];
  /** 1-based line where the current record starts. */
  line = 0;
  private pos: number;
  private nextLine: number;
  private readonly delim: number;

  constructor(
    private readonly text: string,
    delimiter: string,
    /** Where to start: 0, or the `position` after an earlier record. */
    start = 0,
    /** The physical line number at `start`. */
    line = 1,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.pos = start;
    this.nextLine = line;
  }

  /** Offset after the current record (its line break included): where a new reader may resume. */
  get position(): number {
    return this.pos;
  }

  /** The physical line number at `position`. */
  get lineAtPosition(): number {
    return this.nextLine;
  }

  /** Read the next record into `cells` and `line`; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    if (i >= n) return false;
    const cells: string[] = [];
    this.cells = cells;
    this.line = this.nextLine;
    const delim = this.delim;
    for (;;) {
      // One field starts at i.
      let field: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        field = '';
        let from = i + 1;
        i = from;
        for (;;) {
          if (i >= n) {
            field += text.slice(from, n);
            break;
          }
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
              field += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            field += text.slice(from, i);
            i++;
            break;
          }
          if (c === LF || (c === CR && (i + 1 >= n || text.charCodeAt(i + 1) !== LF))) this.nextLine++;
          i++;
        }
        // Text after the closing quote is kept, up to the next delimiter or line break.
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        if (i > rest) field += text.slice(rest, i);
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        field = text.slice(from, i);
      }
      cells.push(field);
      if (i >= n) {
        this.pos = n;
        return true;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        // A delimiter at the very end still ends with one more (empty) field.
        if (i >= n) {
          cells.push('');
          this.pos = n;
          return true;
        }
        continue;
      }
      // A line break ends the record.
      i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
      this.nextLine++;
      this.pos = i;
      return true;
    }
  }
}

/**
 * Split text into records (see `CsvReader` for the rule): every record of the text, each with its
 * own cells array. For small texts and tests; large files go through `CsvReader`.
 */
export function tokenizeCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const reader = new CsvReader(text, delimiter);
  while (reader.next()) records.push({ line: reader.line, cells: reader.cells.slice() });
  return records;
}
