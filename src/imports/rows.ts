/**
 * Reading the data rows under a matched header into cost rows and cell errors, streaming: the
 * records are never held all at once, and each good row is handed to the caller as it is read.
 */
import { isCurrencyCode } from '../core/money.js';
import { decideDateOrder, parseDate } from './dates.js';
import type { DateOrder, DateResult } from './dates.js';
import type { HeaderMatch } from './headers.js';
import { isFooterRow } from './layout.js';
import { decimalMarkOf, parseDecimal, toMoneyString } from './numbers.js';
import type { DecimalMark } from './numbers.js';
import type { CostField } from './platforms/index.js';
import type { CostFileError, CostFileRow } from './types.js';

export interface RowContext {
  file: string;
  header: readonly string[];
  match: HeaderMatch;
  /** True for XLSX: numbers use `.` and bare numbers in date columns are Excel serials. */
  xlsx: boolean;
  delimiter: string;
  /** The caller's currency for files that name none. */
  currency: string | undefined;
}

/** Visits the records after the header, in order: the cells (valid only during the call) and line. */
export type RecordSource = (visit: (cells: readonly string[], line: number) => void | false) => void;

export interface RowsResult {
  errors: CostFileError[];
  /** Lines skipped on purpose (preamble counted by the caller), blank, totals and footer rows. */
  skipped: number;
  /** Good rows handed to `onRow`. */
  rows: number;
  /** Dates covered by the good rows: [min, max], null when none. */
  dateRange: [string, string] | null;
}

const NUMERIC: CostField[] = ['impressions', 'clicks', 'cost', 'conversions', 'conversion_value'];
const DATES: CostField[] = ['date', 'report_start', 'report_end'];
const TEXT_MISSING = new Set(['--', '-', '—', '(not set)']);
/** Whitespace other than single spaces, which `text` collapses. */
const UNTIDY_SPACE = /[^\S ]| {2}/;
const TOTALS = /^(?:totals?|totaal|totalen|totaux|grand total|total g[ée]n[ée]ral)(?:\s*:.*)?$/i;
/** Distinct date cells remembered per file: dates repeat on every row of a day. */
const DATE_MEMO_LIMIT = 100_000;

/**
 * The file-wide fallback decimal mark: what all numeric cells prove together (`decimalMarkOf`
 * votes), else the header language (`en` → `.`, `nl`/`fr` → `,`), else `,` for `;`-separated files
 * (an NL/FR/BE Excel locale) and `.` otherwise; XLSX cells are always `.`.
 */
function fileMarkFromVotes(
  votes: { comma: number; dot: number },
  language: string,
  delimiter: string,
  xlsx: boolean,
): DecimalMark {
  if (xlsx) return '.';
  const byLanguage: DecimalMark | null =
    language === 'en' ? '.' : language === 'nl' || language === 'fr' ? ',' : null;
  const proven = votes.comma > votes.dot ? ',' : votes.dot > votes.comma ? '.' : byLanguage;
  return proven ?? (delimiter === ';' ? ',' : '.');
}

/** True when a cell holds nothing but whitespace (cheap for the usual non-blank cell). */
function isBlankCell(c: string): boolean {
  if (c.length === 0) return true;
  const first = c.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return c.trim() === '';
}

/**
 * Blank (every cell empty), totals (`isTotalsRow`: the first non-empty cell is `Total`, `Totaal`,
 * `Totaux`, …) or footer (`isFooterRow`) record: skipped, not read. One pass, no allocation for the
 * usual data row.
 */
function isSkippedRecord(cells: readonly string[]): boolean {
  let first: string | undefined;
  let filled = 0;
  for (let i = 0; i < cells.length && filled < 2; i++) {
    const c = cells[i] as string;
    if (isBlankCell(c)) continue;
    filled++;
    first ??= c;
  }
  if (first === undefined) return true;
  const t = first.trim();
  const k = t.charCodeAt(0) | 0x20; // lower-cased ASCII letter
  if ((k === 0x74 || k === 0x67) && TOTALS.test(t.replace(/\u00a0/g, ' '))) return true;
  return filled === 1 && isFooterRow(cells);
}

const isDigitAt = (v: string, i: number): boolean => {
  const c = v.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
};

/** How many digits (1 or 2) stand at `from` followed by `-` or `/`; 0 when not so. */
function partWidth(v: string, from: number): number {
  if (!isDigitAt(v, from)) return 0;
  const width = isDigitAt(v, from + 1) ? 2 : 1;
  const sep = v.charCodeAt(from + width);
  return sep === 0x2d || sep === 0x2f ? width : 0;
}

/** `a/b/yyyy` or `a-b-yyyy` at the start of a cell: +1 proves day-month, -1 month-day, 0 neither. */
export function dateOrderVote(v: string): number {
  let i = 0;
  while (i < v.length && v.charCodeAt(i) <= 0x20) i++;
  const wa = partWidth(v, i);
  if (wa === 0) return 0;
  const a = Number(v.slice(i, i + wa));
  i += wa + 1;
  const wb = partWidth(v, i);
  if (wb === 0) return 0;
  const b = Number(v.slice(i, i + wb));
  i += wb + 1;
  for (let k = 0; k < 4; k++) if (!isDigitAt(v, i + k)) return 0;
  return a > 12 ? 1 : b > 12 ? -1 : 0;
}

/** Digits-only text (no sign, separators or spaces). */
function isDigits(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return t.length > 0;
}

/**
 * The money string of a plain cell (`1234`, `12,5`, `1.234` with one separator and nothing else)
 * exactly as `toMoneyString(parseDecimal(t, mark))` gives it, without building the parsed value;
 * undefined for anything else (signs, currency, several separators, more than 4 decimals), which
 * then takes the general path.
 */
export function plainMoney(t: string, mark: DecimalMark): string | undefined {
  const n = t.length;
  let sep = -1;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    if ((c === 0x2c || c === 0x2e) && sep < 0 && i > 0 && i < n - 1) sep = i;
    else return undefined;
  }
  if (n === 0) return undefined;
  let int = sep < 0 ? t : t.slice(0, sep);
  let frac = sep < 0 ? '' : t.slice(sep + 1);
  if (sep >= 0) {
    const ch = t[sep] as DecimalMark;
    const couldBeThousands = frac.length === 3 && int.length <= 3 && int !== '0';
    if (couldBeThousands && ch !== mark) {
      int += frac;
      frac = '';
    }
  }
  if (frac.length > 4) return undefined;
  if (int.length > 1 && int.charCodeAt(0) === 0x30) int = int.replace(/^0+(?=\d)/, '');
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 0x30) end--;
  return end > 0 ? `${int}.${frac.slice(0, end)}` : int;
}

/** Per-file state of the row pass: decided marks and order, memoised dates, the output. */
class RowReader {
  private readonly columns: Partial<Record<CostField, number>>;
  private readonly dateMemo = new Map<string, DateResult>();
  private cells: readonly string[] = [];
  private line = 0;
  private rowErrors: CostFileError[] | null = null;
  readonly errors: CostFileError[] = [];
  min: string | null = null;
  max: string | null = null;
  count = 0;
  dateDependent = false;

  constructor(
    private readonly ctx: RowContext,
    private readonly fileMark: DecimalMark,
    private readonly marks: Map<CostField, DecimalMark>,
    private readonly order: DateOrder,
    /** Note whether a date cell reads differently in the other order (see `readRows`). */
    private readonly trackDependent: boolean,
  ) {
    this.columns = ctx.match.columns;
  }

  private cell(idx: number | undefined): string {
    if (idx === undefined) return '';
    const c = this.cells[idx];
    if (c === undefined || c.length === 0) return '';
    const first = c.charCodeAt(0);
    const last = c.charCodeAt(c.length - 1);
    return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? c : c.trim();
  }

  private text(idx: number | undefined): string {
    let t = this.cell(idx);
    if (t.length === 0) return t;
    if (UNTIDY_SPACE.test(t)) t = t.replace(/\s+/g, ' ');
    return t.length <= 9 && TEXT_MISSING.has(t) ? '' : t;
  }

  private errorCount(): number {
    return this.rowErrors?.length ?? 0;
  }

  private fail(f: CostField, value: string, reason: string): void {
    (this.rowErrors ??= []).push({
      file: this.ctx.file,
      line: this.line,
      column: (this.ctx.header[this.columns[f] ?? -1] ?? f).trim(),
      value,
      reason,
    });
  }

  private readDate(f: CostField): string | null {
    const raw = this.cell(this.columns[f]);
    let r = this.dateMemo.get(raw);
    if (r === undefined) {
      r = parseDate(raw, this.order, this.ctx.xlsx);
      if (this.dateMemo.size < DATE_MEMO_LIMIT) this.dateMemo.set(raw, r);
      if (this.trackDependent && !this.dateDependent) {
        const other = parseDate(raw, this.order === 'dmy' ? 'mdy' : 'dmy', this.ctx.xlsx);
        this.dateDependent = r.ok
          ? !other.ok || other.date !== r.date
          : other.ok || other.reason !== r.reason;
      }
    }
    if (r.ok) return r.date;
    this.fail(f, raw, r.reason);
    return null;
  }

  private readNumber(f: CostField, kind: 'count' | 'decimal' | 'money'): string | number | null {
    const idx = this.columns[f];
    if (idx === undefined) return null;
    const raw = this.cell(idx);
    if (raw === '') return null;
    const mark = this.marks.get(f) ?? this.fileMark;
    if (kind === 'money') {
      const fast = plainMoney(raw, mark);
      if (fast !== undefined) return fast;
    } else if (raw.length <= 15 && isDigits(raw)) return Number(raw);
    const r = parseDecimal(raw, mark);
    if (!r.ok) return (this.fail(f, raw, r.reason), null);
    if (!r.value) return null;
    if (kind === 'money') return toMoneyString(r.value);
    if (kind === 'count' && (r.value.negative || /[1-9]/.test(r.value.frac))) {
      return (this.fail(f, raw, r.value.negative ? 'below zero' : 'not a whole number'), null);
    }
    return Number(`${r.value.negative ? '-' : ''}${r.value.int}.${r.value.frac || '0'}`);
  }

  /** Read one data record; hands a good row to `onRow`, keeps the errors of a bad one. */
  read(cells: readonly string[], line: number, onRow: (row: CostFileRow) => void): void {
    this.cells = cells;
    this.line = line;
    this.rowErrors = null;
    const columns = this.columns;
    const dateField: CostField = columns.date !== undefined ? 'date' : 'report_start';
    const date = this.readDate(dateField);
    let dateEnd: string | null = null;
    if (dateField === 'report_start' && columns.report_end !== undefined) {
      dateEnd = this.readDate('report_end');
      if (date && dateEnd && dateEnd < date) {
        this.fail('report_end', this.cell(columns.report_end), 'ends before the reporting period starts');
      }
    }
    const channel = this.text(columns.channel);
    const campaign = this.text(columns.campaign) || channel || this.text(columns.partner);
    if (!campaign) this.fail(columns.campaign !== undefined ? 'campaign' : 'channel', '', 'no campaign name');

    const before = this.errorCount();
    const cost = this.readNumber('cost', 'money') as string | null;
    if (this.errorCount() === before) {
      if (cost === null) this.fail('cost', this.cell(columns.cost), 'no cost');
      else if (cost.charCodeAt(0) === 0x2d) this.fail('cost', this.cell(columns.cost), 'below zero');
    }

    const impressions = this.readNumber('impressions', 'count') as number | null;
    const clicks = this.readNumber('clicks', 'count') as number | null;
    const conversions = this.readNumber('conversions', 'decimal') as number | null;
    const conversionValue = this.readNumber('conversion_value', 'money') as string | null;

    let currency = this.cell(columns.currency);
    if (currency) {
      currency = currency.toUpperCase();
      if (!isCurrencyCode(currency))
        this.fail('currency', currency, 'not a currency code (expected e.g. EUR)');
    } else currency = this.ctx.match.currency ?? this.ctx.currency ?? '';

    const rowErrors = this.rowErrors as CostFileError[] | null;
    if (rowErrors || !date || cost === null) {
      if (rowErrors) for (const e of rowErrors) this.errors.push(e);
      return;
    }
    const row: CostFileRow = {
      line,
      date,
      campaign,
      campaign_id: this.text(columns.campaign_id),
      ad_group: this.text(columns.ad_group),
      ad: this.text(columns.ad),
      account_id: this.text(columns.account_id),
      impressions,
      clicks,
      cost,
      currency,
      conversions,
      conversion_value: conversionValue,
    };
    if (dateEnd && dateEnd !== date) row.date_end = dateEnd;
    if (columns.channel !== undefined) row.channel = channel;
    const end = row.date_end ?? date;
    if (this.min === null || date < this.min) this.min = date;
    if (this.max === null || end > this.max) this.max = end;
    this.count++;
    onRow(row);
  }
}

/** Data records whose votes decide the marks and date order before the rows are read. */
export const PRESCAN_RECORDS = 50_000;

interface Decisions {
  fileMark: DecimalMark;
  marks: Map<CostField, DecimalMark>;
  order: DateOrder;
}

/** The votes of the numeric and date cells (`decimalMarkOf`, `dateOrderVote`) and what they decide. */
class Votes {
  private readonly numeric: CostField[];
  /** Column index of each numeric field, and its votes (arrays: this runs for every cell). */
  private readonly numericAt: number[];
  private readonly comma: number[];
  private readonly dot: number[];
  private readonly datesAt: number[];
  private dmy = 0;
  private mdy = 0;
  /** Day-first-looking dates whose parts are joined by `-` (`1-3-2026`): a style US dates never use. */
  private hyphenated = 0;
  /** Columns with a cell whose value depends on the decided mark (`1,234`: one mark, 3 decimals). */
  readonly markDependent = new Set<CostField>();

  constructor(
    private readonly ctx: RowContext,
    private readonly trackDependent: boolean,
  ) {
    const columns = ctx.match.columns;
    this.numeric = NUMERIC.filter((f) => columns[f] !== undefined);
    this.numericAt = this.numeric.map((f) => columns[f] as number);
    this.comma = this.numeric.map(() => 0);
    this.dot = this.numeric.map(() => 0);
    this.datesAt = DATES.filter((f) => columns[f] !== undefined).map((f) => columns[f] as number);
  }

  vote(cells: readonly string[]): void {
    for (let k = 0; k < this.numericAt.length; k++) {
      const c = cells[this.numericAt[k] as number];
      if (c === undefined || c.length === 0) continue;
      const m = decimalMarkOf(c);
      if (m === ',') (this.comma[k] as number)++;
      else if (m === '.') (this.dot[k] as number)++;
      else if (this.trackDependent && (c.includes(',') || c.includes('.')))
        this.markDependent.add(this.numeric[k] as CostField);
    }
    for (const at of this.datesAt) {
      const cell = cells[at] ?? '';
      const v = dateOrderVote(cell);
      if (v > 0) this.dmy++;
      else if (v < 0) this.mdy++;
      if (this.hyphenated === 0 && /^\s*\d{1,2}-\d{1,2}-\d{4}/.test(cell)) this.hyphenated++;
    }
  }

  decide(): Decisions {
    const { ctx } = this;
    let comma = 0;
    let dot = 0;
    for (let k = 0; k < this.numeric.length; k++) {
      comma += this.comma[k] as number;
      dot += this.dot[k] as number;
    }
    const fileMark = fileMarkFromVotes({ comma, dot }, ctx.match.language, ctx.delimiter, ctx.xlsx);
    const marks = new Map<CostField, DecimalMark>();
    for (const f of NUMERIC) {
      const k = this.numeric.indexOf(f);
      const c = k < 0 ? 0 : (this.comma[k] as number);
      const d = k < 0 ? 0 : (this.dot[k] as number);
      marks.set(f, ctx.xlsx ? '.' : c > d ? ',' : d > c ? '.' : fileMark);
    }
    // No date settles the order (every day ≤ 12): an English export that a spreadsheet saved again
    // in a Dutch or French locale (decimal commas, `1-3-2026`) writes day first, like the locale.
    const order: DateOrder =
      this.dmy !== this.mdy
        ? this.dmy > this.mdy
          ? 'dmy'
          : 'mdy'
        : !ctx.xlsx && (this.hyphenated > 0 || fileMark === ',')
          ? 'dmy'
          : decideDateOrder([], ctx.match.language);
    return { fileMark, marks, order };
  }
}

/**
 * Read the records after the header. Rule: blank, totals (`isTotalsRow`) and footer
 * (`isFooterRow`) records are skipped and counted; each numeric column's decimal mark is decided
 * once over all its cells (`decideDecimalMark`, then the file's mark over all numeric cells, then
 * the language), the date order once over all date cells (`decideDateOrder`). A row needs a date,
 * a campaign (generic files: else the channel, else the partner) and a cost ≥ 0; impressions and
 * clicks, when present, are whole numbers ≥ 0; a currency cell must be an ISO 4217 code. Each bad
 * cell becomes one error; a row with an error is not handed to `onRow`.
 *
 * How, in one pass for large files: the decisions are taken from the first `PRESCAN_RECORDS` data
 * records, the rows are read with them while every cell still votes, and only when the full votes
 * decide otherwise for a column (or the dates) that holds a cell whose value depends on it are the
 * rows read again: then `onRestart` is called first, and the rows handed over before it are void.
 */
export function readRows(
  records: RecordSource,
  ctx: RowContext,
  onRow: (row: CostFileRow) => void,
  onRestart: () => void = () => {},
): RowsResult {
  const prescan = new Votes(ctx, false);
  let seen = 0;
  let complete = true;
  records((cells) => {
    if (isSkippedRecord(cells)) return;
    if (seen === PRESCAN_RECORDS) return (complete = false);
    prescan.vote(cells);
    seen++;
  });
  const first = prescan.decide();
  const all = complete ? null : new Votes(ctx, true);
  let skipped = 0;
  let reader = new RowReader(ctx, first.fileMark, first.marks, first.order, !complete);
  records((cells, line) => {
    if (isSkippedRecord(cells)) return void skipped++;
    all?.vote(cells);
    reader.read(cells, line, onRow);
  });
  if (all) {
    const final = all.decide();
    const changed =
      [...all.markDependent].some((f) => final.marks.get(f) !== first.marks.get(f)) ||
      (reader.dateDependent && final.order !== first.order);
    if (changed) {
      onRestart();
      reader = new RowReader(ctx, final.fileMark, final.marks, final.order, false);
      records((cells, line) => {
        if (!isSkippedRecord(cells)) reader.read(cells, line, onRow);
      });
    }
  }
  return {
    errors: reader.errors,
    skipped,
    rows: reader.count,
    dateRange: reader.min !== null && reader.max !== null ? [reader.min, reader.max] : null,
  };
}
