/** A CSV/TSV tokenizer (RFC 4180 plus the tolerances real exports need). */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

/**
 * Split text into records following RFC 4180: fields separated by `delimiter`, records by CRLF,
 * LF or CR; a field that starts with `"` runs to the next lone `"` and may hold delimiters, line
 * breaks and doubled quotes (`""` → `"`). Tolerances: a quote inside an unquoted field is kept as
 * text; characters after a closing quote are appended; an unclosed quote runs to the end of the
 * file. A trailing line break does not make an extra record.
 */
export function tokenizeCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  let quoted = false;
  const n = text.length;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    atFieldStart = true;
  };
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && text[i + 1] === '\n') {
          field += '\r';
          i++;
        }
        line++;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || cells.length > 0 || !atFieldStart) endRecord();
  return records;
}
