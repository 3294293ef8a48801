import { nextDate } from '../../core/time.js';
import { datesBetween, spreadAmount } from './spread.js';
import type { CostRow } from '../../core/records.js';
import type { CostFileError, CostFileResult, CostFileRow, CostPlatform } from '../../imports/types.js';
import { encodeCostVaryingTsv, type CostRowConstants } from '../../store/row-codec.js';
import { LineBuffers } from './line-buffers.js';
import type { AppStore, CostImportRecord, EventStore, Workspace } from '../../store/ports.js';
import { MoneySum, currencyDigits } from './decimal.js';
import { timeOrderedId } from './ids.js';
import { PLATFORM_TRAFFIC } from './platforms.js';

export interface ImportOptions {
  fileName: string;
  dryRun?: boolean;
  skipBadRows?: boolean;
  /** The API key id, or "cli". */
  by: string;
  /** Called as rows are written (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  /** `rejected`: nothing was written (see `errors` and `message`). */
  status: 'imported' | 'dry_run' | 'rejected';
  message: string;
  import_id: string | null;
  file_name: string;
  platform: string;
  language: string;
  account_ids: string[];
  date_from: string | null;
  date_to: string | null;
  rows_read: number;
  /** Rows written (or that would be, on a dry run). */
  rows_imported: number;
  rows_rejected: number;
  /** Blank, total and preamble lines the reader skipped on purpose. */
  lines_skipped: number;
  /** Spend per currency of the good rows. */
  amounts: Array<{ currency: string; amount: string }>;
  /** Earlier imports of the same platform and account whose rows on these dates this one replaces. */
  replaces: string[];
  errors: CostFileError[];
}

/** Rows per store write: progress moves between writes, and each write is one engine insert. */
const WRITE_ROWS = 250_000;

/**
 * What an import gathers while the rows stream by: the report's figures, and the rows already
 * encoded for the store (`encodeCostVaryingTsv`), held as buffers until the whole file has been
 * read — nothing is written before every row is known to be good (or `skipBadRows` says go on).
 */
class CostImportBuilder {
  readonly importId = timeOrderedId('imp');
  private readonly accounts = new Set<string>();
  private readonly amounts = new Map<string, MoneySum>();
  /** Days with a row, per account (for `coverageDays`). */
  private readonly days = new Map<string, Set<string>>();
  private lastAccount: string | null = null;
  private lastDate = '';
  private firstCurrency: string | null = null;
  private readonly media = new LineBuffers();
  /** The columns every media row of this import shares. */
  readonly fixed: CostRowConstants;

  constructor(
    private readonly ws: Workspace,
    readonly platform: CostPlatform,
    /** False on a dry run: only the report's figures are gathered, no rows are encoded. */
    private readonly stage: boolean,
  ) {
    this.fixed = {
      workspace_id: ws.id,
      cost_type: 'media',
      platform,
      ...PLATFORM_TRAFFIC[platform],
      partner: '',
      import_id: this.importId,
      description: '',
    };
  }

  add(r: CostFileRow): void {
    const currency = r.currency || this.ws.base_currency;
    let sum = this.amounts.get(currency);
    if (!sum) this.amounts.set(currency, (sum = new MoneySum()));
    sum.add(r.cost);
    this.accounts.add(r.account_id);
    this.firstCurrency ??= currency;
    if (!this.stage) return;
    if (!r.date_end || r.date_end <= r.date) {
      this.encode(
        r,
        currency,
        r.date,
        r.cost,
        r.impressions ?? 0,
        r.clicks ?? 0,
        r.conversions ?? 0,
        r.conversion_value ?? '0',
      );
    } else {
      for (const day of spreadPeriod(r)) {
        this.encode(
          r,
          currency,
          day.date,
          day.cost,
          day.impressions,
          day.clicks,
          day.conversions,
          day.conversion_value,
        );
      }
    }
  }

  private encode(
    r: CostFileRow,
    currency: string,
    date: string,
    amount: string,
    impressions: number,
    clicks: number,
    conversions: number,
    conversionValue: string,
  ): void {
    if (r.account_id !== this.lastAccount || date !== this.lastDate) {
      let set = this.days.get(r.account_id);
      if (!set) this.days.set(r.account_id, (set = new Set()));
      set.add(date);
      this.lastAccount = r.account_id;
      this.lastDate = date;
    }
    this.media.add(
      encodeCostVaryingTsv(
        date,
        r.account_id,
        r.campaign,
        r.campaign_id,
        r.ad_group,
        r.ad,
        amount,
        currency,
        impressions,
        clicks,
        conversions,
        conversionValue,
      ),
    );
  }

  accountIds(): string[] {
    return [...this.accounts].sort();
  }

  totals(): Array<{ currency: string; amount: string }> {
    return [...this.amounts].map(([currency, sum]) => ({ currency, amount: sum.total() }));
  }

  /**
   * The writes, in order: the media rows in groups of about `WRITE_ROWS`, then the coverage rows
   * (see `coverageDays`); `end` counts the rows written once a write is done, of `total`.
   */
  writes(
    from: string,
    to: string,
  ): { total: number; writes: Array<{ fixed: CostRowConstants; chunks: Buffer[]; end: number }> } {
    const writes = this.media.groups(WRITE_ROWS).map((g) => ({ fixed: this.fixed, ...g }));
    const coverage = new LineBuffers();
    for (const [account, date] of coverageDays(this.days, from, to)) {
      coverage.add(
        encodeCostVaryingTsv(
          date,
          account,
          '',
          '',
          '',
          '',
          '0',
          this.firstCurrency ?? this.ws.base_currency,
          0,
          0,
          0,
          '0',
        ),
      );
    }
    const fixed = {
      ...this.fixed,
      cost_type: 'coverage' as CostRow['cost_type'],
      description: 'no rows for this day in the import',
    };
    const total = this.media.lines + coverage.lines;
    if (coverage.lines > 0)
      writes.push(
        ...coverage
          .groups(WRITE_ROWS)
          .map((g) => ({ fixed, chunks: g.chunks, end: this.media.lines + g.end })),
      );
    return { total, writes };
  }
}

/**
 * A reader that tells the platform (`onHeader`) and then hands over each good row (`onRow`); a
 * repeated `onHeader` starts the rows over (see `readCostRows`).
 */
export type ReadRows = (
  onRow: (row: CostFileRow) => void,
  onHeader: (found: { platform: CostPlatform }) => void,
) => CostFileResult;

/**
 * Import what a reader made of one cost file. Without `skipBadRows` a file with any bad row writes
 * nothing; a file-level error (unreadable, unknown layout) always writes nothing. The import is
 * recorded before its rows are written, so that rows are never in the store without a record to
 * undo them; a failed write marks the record undone.
 */
export async function importCostFile(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  result: CostFileResult,
  opts: ImportOptions,
): Promise<ImportReport> {
  return importCostRows(
    stores,
    ws,
    (onRow, onHeader) => {
      onHeader({ platform: result.platform });
      for (const r of result.rows) onRow(r);
      return result;
    },
    opts,
  );
}

/**
 * `importCostFile` for a reader that streams its rows (`readCostRows`): `read` is called once and
 * hands each good row to `onRow`; the rows are encoded for the store as they come, so a million-row
 * file is never held as a million objects. Same rules and report as `importCostFile`.
 */
export async function importCostRows(
  stores: { app: AppStore; events: EventStore },
  ws: Workspace,
  read: ReadRows,
  opts: ImportOptions,
): Promise<ImportReport> {
  // Created by onHeader: the platform is known once the header row has been matched.
  let b = null as CostImportBuilder | null;
  let rowCount = 0;
  const result = read(
    (row) => {
      b?.add(row);
      rowCount++;
    },
    (found) => {
      // Called again when the reader starts the rows over: what was gathered is void.
      b = new CostImportBuilder(ws, found.platform, !opts.dryRun);
      rowCount = 0;
    },
  );
  const badLines = new Set(result.errors.filter((e) => e.line > 0).map((e) => e.line));
  const fileError = result.errors.find((e) => e.line === 0);
  const report: ImportReport = {
    status: 'rejected',
    message: '',
    import_id: null,
    file_name: opts.fileName,
    platform: result.platform,
    language: result.language,
    account_ids: b ? b.accountIds() : [],
    date_from: result.dateRange?.[0] ?? null,
    date_to: result.dateRange?.[1] ?? null,
    rows_read: rowCount + badLines.size,
    rows_imported: 0,
    rows_rejected: badLines.size,
    lines_skipped: result.skipped,
    amounts: b ? b.totals() : [],
    replaces: [],
    errors: result.errors,
  };
  if (fileError) return { ...report, message: `${opts.fileName}: ${fileError.reason}` };
  if (badLines.size > 0 && !opts.skipBadRows)
    return {
      ...report,
      message: `${opts.fileName}: ${badLines.size} row(s) could not be read, so nothing was imported. Fix them, or import the good rows with --skip-bad-rows (skip_bad_rows=true).`,
    };
  if (!b || rowCount === 0)
    return {
      ...report,
      message: `${opts.fileName}: no cost rows found.`,
      errors: [
        ...result.errors,
        { file: opts.fileName, line: 0, column: '', value: '', reason: 'no cost rows found' },
      ],
    };

  report.replaces = overlapping(await stores.app.listCostImports(ws.id), report);
  report.rows_imported = rowCount;
  const skippedNote = badLines.size ? `; ${badLines.size} bad row(s) skipped` : '';
  if (opts.dryRun)
    return {
      ...report,
      status: 'dry_run',
      message: `Dry run: ${rowCount} row(s) would be imported${skippedNote}${report.replaces.length ? `, replacing rows of ${report.replaces.length} earlier import(s)` : ''}. Nothing was written.`,
    };

  const importId = b.importId;
  await stores.app.recordCostImport({
    id: importId,
    workspace_id: ws.id,
    file_name: opts.fileName,
    platform: result.platform,
    account_ids: report.account_ids,
    date_from: report.date_from,
    date_to: report.date_to,
    rows_read: report.rows_read,
    rows_imported: report.rows_imported,
    rows_rejected: report.rows_rejected,
    created_by: opts.by,
  });
  const { total, writes } = b.writes(report.date_from!, report.date_to!);
  try {
    for (const w of writes) {
      await stores.events.insertCostLines(w.fixed, w.chunks);
      opts.onProgress?.(w.end, total);
    }
  } catch (e) {
    await stores.app.undoCostImport(ws.id, importId, 'system: the write failed');
    throw e;
  }
  return {
    ...report,
    status: 'imported',
    import_id: importId,
    message: `Imported ${rowCount} row(s) from ${opts.fileName}${skippedNote}.`,
  };
}

/**
 * A row that covers a period (Meta's "Reporting starts/ends" without a day breakdown) becomes one
 * row per day: money spread exactly (the last day takes the remainder), counts spread as whole
 * numbers (the last day takes the rest), platform conversions evenly.
 */
export function spreadPeriod(r: CostFileRow): Array<{
  date: string;
  cost: string;
  impressions: number;
  clicks: number;
  conversions: number;
  conversion_value: string;
}> {
  const days = r.date_end && r.date_end > r.date ? datesBetween(r.date, r.date_end) : [r.date];
  const n = days.length;
  const digits = currencyDigits(r.currency || 'EUR');
  const costs = n > 1 ? spreadAmount(r.cost, n, digits) : [r.cost];
  const values = n > 1 ? spreadAmount(r.conversion_value ?? '0', n, digits) : [r.conversion_value ?? '0'];
  const whole = (total: number | null, i: number) => {
    const t = total ?? 0;
    const share = Math.floor(t / n);
    return i === n - 1 ? t - share * (n - 1) : share;
  };
  return days.map((date, i) => ({
    date,
    cost: costs[i]!,
    impressions: whole(r.impressions, i),
    clicks: whole(r.clicks, i),
    conversions: (r.conversions ?? 0) / n,
    conversion_value: values[i]!,
  }));
}

/**
 * A newer report replaces an older one for every day it covers, also the days on which it has no
 * row (no spend that day). Such days get a zero `coverage` row per account, so the newest import
 * wins that (platform, account, date) in the store's replacement rule; reports never show them.
 * These are the (account, date) pairs from `from` to `to` without a row in `days`.
 */
export function coverageDays(
  days: ReadonlyMap<string, ReadonlySet<string>>,
  from: string,
  to: string,
): Array<[account: string, date: string]> {
  const out: Array<[string, string]> = [];
  for (let d = from; d <= to; d = nextDate(d)) {
    for (const [account, seen] of days) if (!seen.has(d)) out.push([account, d]);
  }
  return out;
}

/** Earlier, not undone imports of the same platform whose accounts and dates overlap this one's. */
function overlapping(previous: CostImportRecord[], r: ImportReport): string[] {
  if (!r.date_from || !r.date_to) return [];
  return previous
    .filter(
      (p) =>
        !p.undone_at &&
        p.platform === r.platform &&
        p.date_from !== null &&
        p.date_to !== null &&
        p.date_from <= r.date_to! &&
        p.date_to >= r.date_from! &&
        p.account_ids.some((a) => r.account_ids.includes(a)),
    )
    .map((p) => p.id);
}
