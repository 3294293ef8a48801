/** Reading the data rows under a matched header into cost rows and cell errors. */
import { isCurrencyCode } from '../core/money.js';
import type { CsvRecord } from './csv.js';
import { decideDateOrder, parseDate } from './dates.js';
import type { DateOrder } from './dates.js';
import type { HeaderMatch } from './headers.js';
import { isBlankRecord, isFooterRow, isTotalsRow } from './layout.js';
import { decideDecimalMark, parseDecimal, toMoneyString } from './numbers.js';
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

export interface RowsResult {
  rows: CostFileRow[];
  errors: CostFileError[];
  skipped: number;
}

const NUMERIC: CostField[] = ['impressions', 'clicks', 'cost', 'conversions', 'conversion_value'];
const DATES: CostField[] = ['date', 'report_start', 'report_end'];
const TEXT_MISSING = new Set(['--', '-', '—', '(not set)']);

/**
 * The file-wide fallback decimal mark: what all numeric cells prove together, else the header
 * language (`en` → `.`, `nl`/`fr` → `,`), else `,` for `;`-separated files (an NL/FR/BE Excel
 * locale) and `.` otherwise; XLSX cells are always `.`.
 */
export function fileDecimalMark(
  values: readonly string[],
  language: string,
  delimiter: string,
  xlsx: boolean,
): DecimalMark {
  if (xlsx) return '.';
  const byLanguage: DecimalMark | null =
    language === 'en' ? '.' : language === 'nl' || language === 'fr' ? ',' : null;
  return decideDecimalMark(values, byLanguage) ?? (delimiter === ';' ? ',' : '.');
}

function cell(rec: CsvRecord, idx: number | undefined): string {
  return idx === undefined ? '' : (rec.cells[idx] ?? '').trim();
}

function text(rec: CsvRecord, idx: number | undefined): string {
  const t = cell(rec, idx).replace(/\s+/g, ' ');
  return TEXT_MISSING.has(t) ? '' : t;
}

/**
 * Read the records after the header. Rule: blank, totals (`isTotalsRow`) and footer
 * (`isFooterRow`) records are skipped and counted; each numeric column's decimal mark is decided
 * once over its cells (`decideDecimalMark`, then `fileDecimalMark`), the date order once over the
 * date cells (`decideDateOrder`). A row needs a date, a campaign (generic files: else the channel,
 * else the partner) and a cost ≥ 0; impressions and clicks, when present, are whole numbers ≥ 0;
 * a currency cell must be an ISO 4217 code. Each bad cell becomes one error; a row with an error
 * is left out of `rows`.
 */
export function readRows(records: readonly CsvRecord[], headerIndex: number, ctx: RowContext): RowsResult {
  const { columns, language } = ctx.match;
  const data: CsvRecord[] = [];
  let skipped = headerIndex;
  for (const rec of records.slice(headerIndex + 1)) {
    if (isBlankRecord(rec.cells) || isTotalsRow(rec.cells) || isFooterRow(rec.cells)) skipped++;
    else data.push(rec);
  }
  const column = (f: CostField) => data.map((r) => cell(r, columns[f]));
  const fileMark = fileDecimalMark(
    NUMERIC.flatMap((f) => (columns[f] === undefined ? [] : column(f))),
    language,
    ctx.delimiter,
    ctx.xlsx,
  );
  const marks = new Map<CostField, DecimalMark>();
  for (const f of NUMERIC)
    marks.set(f, ctx.xlsx ? '.' : (decideDecimalMark(column(f), fileMark) ?? fileMark));
  const order: DateOrder = decideDateOrder(
    DATES.flatMap((f) => (columns[f] === undefined ? [] : column(f))),
    language,
  );

  const rows: CostFileRow[] = [];
  const errors: CostFileError[] = [];
  for (const rec of data) {
    const rowErrors: CostFileError[] = [];
    const fail = (f: CostField, value: string, reason: string) =>
      rowErrors.push({
        file: ctx.file,
        line: rec.line,
        column: (ctx.header[columns[f] ?? -1] ?? f).trim(),
        value,
        reason,
      });
    const readDate = (f: CostField): string | null => {
      const raw = cell(rec, columns[f]);
      const r = parseDate(raw, order, ctx.xlsx);
      if (r.ok) return r.date;
      fail(f, raw, r.reason);
      return null;
    };
    const readNumber = (f: CostField, kind: 'count' | 'decimal' | 'money'): string | number | null => {
      const raw = cell(rec, columns[f]);
      if (columns[f] === undefined) return null;
      const r = parseDecimal(raw, marks.get(f) ?? fileMark);
      if (!r.ok) return (fail(f, raw, r.reason), null);
      if (!r.value) return null;
      if (kind === 'money') return toMoneyString(r.value);
      if (kind === 'count' && (r.value.negative || /[1-9]/.test(r.value.frac))) {
        return (fail(f, raw, r.value.negative ? 'below zero' : 'not a whole number'), null);
      }
      return Number(`${r.value.negative ? '-' : ''}${r.value.int}.${r.value.frac || '0'}`);
    };

    const dateField: CostField = columns.date !== undefined ? 'date' : 'report_start';
    const date = readDate(dateField);
    let dateEnd: string | null = null;
    if (dateField === 'report_start' && columns.report_end !== undefined) {
      dateEnd = readDate('report_end');
      if (date && dateEnd && dateEnd < date) {
        fail('report_end', cell(rec, columns.report_end), 'ends before the reporting period starts');
      }
    }
    const channel = text(rec, columns.channel);
    const campaign = text(rec, columns.campaign) || channel || text(rec, columns.partner);
    if (!campaign) fail(columns.campaign !== undefined ? 'campaign' : 'channel', '', 'no campaign name');

    const costRaw = cell(rec, columns.cost);
    const before = rowErrors.length;
    const cost = readNumber('cost', 'money') as string | null;
    if (rowErrors.length === before) {
      if (cost === null) fail('cost', costRaw, 'no cost');
      else if (cost.startsWith('-')) fail('cost', costRaw, 'below zero');
    }

    const impressions = readNumber('impressions', 'count') as number | null;
    const clicks = readNumber('clicks', 'count') as number | null;
    const conversions = readNumber('conversions', 'decimal') as number | null;
    const conversionValue = readNumber('conversion_value', 'money') as string | null;

    let currency = cell(rec, columns.currency).toUpperCase();
    if (currency && !isCurrencyCode(currency))
      fail('currency', currency, 'not a currency code (expected e.g. EUR)');
    if (!currency) currency = ctx.match.currency ?? ctx.currency ?? '';

    if (rowErrors.length > 0 || !date || cost === null) {
      errors.push(...rowErrors);
      continue;
    }
    const row: CostFileRow = {
      line: rec.line,
      date,
      campaign,
      campaign_id: text(rec, columns.campaign_id),
      ad_group: text(rec, columns.ad_group),
      ad: text(rec, columns.ad),
      account_id: text(rec, columns.account_id),
      impressions,
      clicks,
      cost,
      currency,
      conversions,
      conversion_value: conversionValue,
    };
    if (dateEnd && dateEnd !== date) row.date_end = dateEnd;
    if (columns.channel !== undefined) row.channel = channel;
    rows.push(row);
  }
  return { rows, errors, skipped };
}
