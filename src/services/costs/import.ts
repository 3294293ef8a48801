import { nextDate } from '../../core/time.js';
import { datesBetween, spreadAmount } from './spread.js';
import type { CostRow } from '../../core/records.js';
import type { CostFileError, CostFileResult, CostFileRow } from '../../imports/types.js';
import type { AppStore, CostImportRecord, EventStore, Workspace } from '../../store/ports.js';
import { currencyDigits, sumDecimals } from './decimal.js';
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

const WRITE_CHUNK = 50_000;

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
  const badLines = new Set(result.errors.filter((e) => e.line > 0).map((e) => e.line));
  const fileError = result.errors.find((e) => e.line === 0);
  const accounts = [...new Set(result.rows.map((r) => r.account_id))].sort();
  const amounts = new Map<string, string[]>();
  for (const r of result.rows) {
    const cur = r.currency || ws.base_currency;
    const list = amounts.get(cur);
    if (list) list.push(r.cost);
    else amounts.set(cur, [r.cost]);
  }
  const report: ImportReport = {
    status: 'rejected',
    message: '',
    import_id: null,
    file_name: opts.fileName,
    platform: result.platform,
    language: result.language,
    account_ids: accounts,
    date_from: result.dateRange?.[0] ?? null,
    date_to: result.dateRange?.[1] ?? null,
    rows_read: result.rows.length + badLines.size,
    rows_imported: 0,
    rows_rejected: badLines.size,
    lines_skipped: result.skipped,
    amounts: [...amounts].map(([currency, v]) => ({ currency, amount: sumDecimals(v) })),
    replaces: [],
    errors: result.errors,
  };
  if (fileError) return { ...report, message: `${opts.fileName}: ${fileError.reason}` };
  if (badLines.size > 0 && !opts.skipBadRows)
    return {
      ...report,
      message: `${opts.fileName}: ${badLines.size} row(s) could not be read, so nothing was imported. Fix them, or import the good rows with --skip-bad-rows (skip_bad_rows=true).`,
    };
  if (result.rows.length === 0)
    return {
      ...report,
      message: `${opts.fileName}: no cost rows found.`,
      errors: [
        ...result.errors,
        { file: opts.fileName, line: 0, column: '', value: '', reason: 'no cost rows found' },
      ],
    };

  report.replaces = overlapping(await stores.app.listCostImports(ws.id), report);
  report.rows_imported = result.rows.length;
  const skippedNote = badLines.size ? `; ${badLines.size} bad row(s) skipped` : '';
  if (opts.dryRun)
    return {
      ...report,
      status: 'dry_run',
      message: `Dry run: ${result.rows.length} row(s) would be imported${skippedNote}${report.replaces.length ? `, replacing rows of ${report.replaces.length} earlier import(s)` : ''}. Nothing was written.`,
    };

  const importId = timeOrderedId('imp');
  await stores.app.recordCostImport({
    id: importId,
    workspace_id: ws.id,
    file_name: opts.fileName,
    platform: result.platform,
    account_ids: accounts,
    date_from: report.date_from,
    date_to: report.date_to,
    rows_read: report.rows_read,
    rows_imported: report.rows_imported,
    rows_rejected: report.rows_rejected,
    created_by: opts.by,
  });
  const traffic = PLATFORM_TRAFFIC[result.platform];
  const rows: CostRow[] = result.rows.flatMap((r) =>
    spreadPeriod(r).map((day) => ({
      workspace_id: ws.id,
      date: day.date,
      cost_type: 'media' as const,
      platform: result.platform,
      account_id: r.account_id,
      ...traffic,
      campaign: r.campaign,
      campaign_id: r.campaign_id,
      ad_group: r.ad_group,
      ad: r.ad,
      partner: '',
      amount: day.cost,
      currency: r.currency || ws.base_currency,
      impressions: day.impressions,
      clicks: day.clicks,
      platform_conversions: day.conversions,
      platform_conversion_value: day.conversion_value,
      import_id: importId,
      description: '',
    })),
  );
  rows.push(...coverageRows(rows, report.date_from!, report.date_to!));
  try {
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await stores.events.insertCosts(rows.slice(i, i + WRITE_CHUNK));
      opts.onProgress?.(Math.min(i + WRITE_CHUNK, rows.length), rows.length);
    }
  } catch (e) {
    await stores.app.undoCostImport(ws.id, importId, 'system: the write failed');
    throw e;
  }
  return {
    ...report,
    status: 'imported',
    import_id: importId,
    message: `Imported ${result.rows.length} row(s) from ${opts.fileName}${skippedNote}.`,
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
 */
export function coverageRows(rows: CostRow[], from: string, to: string): CostRow[] {
  if (rows.length === 0) return [];
  const seen = new Set(rows.map((r) => `${r.account_id}|${r.date}`));
  const accounts = [...new Set(rows.map((r) => r.account_id))];
  const out: CostRow[] = [];
  for (let d = from; d <= to; d = nextDate(d)) {
    for (const account of accounts) {
      if (seen.has(`${account}|${d}`)) continue;
      const template = rows[0]!;
      out.push({
        ...template,
        date: d,
        cost_type: 'coverage' as CostRow['cost_type'],
        account_id: account,
        campaign: '',
        campaign_id: '',
        ad_group: '',
        ad: '',
        amount: '0',
        impressions: 0,
        clicks: 0,
        platform_conversions: 0,
        platform_conversion_value: '0',
        description: 'no rows for this day in the import',
      });
    }
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
