/**
 * The contract between the cost-file readers (pure, this folder) and the import service: what a
 * reader makes of one file. Readers do no I/O: bytes in, rows and errors out.
 */

export const COST_PLATFORMS = ['google-ads', 'meta', 'tiktok', 'linkedin', 'microsoft', 'generic'] as const;
export type CostPlatform = (typeof COST_PLATFORMS)[number];

export interface ReadCostFileOptions {
  /** `auto` (default) detects the platform from the header row. */
  platform?: CostPlatform | 'auto';
  /** Currency for rows whose file names none (ISO 4217); otherwise the file's wins. */
  currency?: string;
  /** For messages only ("file.csv, row 12, column Cost: …"). */
  fileName?: string;
  /** Called now and then while the rows are read: how much of the file is done (see `readCostRows`). */
  onProgress?: (done: number, total: number) => void;
}

/** One media-cost row as read (before workspace defaults are applied and rows are stored). */
export interface CostFileRow {
  /** 1-based line number in the file (for messages and the import report). */
  line: number;
  /** Local date `YYYY-MM-DD`. */
  date: string;
  /**
   * Only on a row that covers several days (a Meta export without a `Day` column: `Reporting
   * starts` … `Reporting ends`): the last day, inclusive; `date` is the first. The reader does not
   * spread the cost over the days — that is the import service's decision.
   */
  date_end?: string;
  /** Only in generic files with a channel/source column (`Kanaal`, `Canal`, …). */
  channel?: string;
  campaign: string;
  campaign_id: string;
  ad_group: string;
  ad: string;
  account_id: string;
  impressions: number | null;
  clicks: number | null;
  /** Decimal string in major units, e.g. `"1234.56"`. */
  cost: string;
  currency: string;
  /** As reported by the platform (never mixed with tracked conversions). */
  conversions: number | null;
  conversion_value: string | null;
}

/** A bad cell: everything a user needs to find and fix it. */
export interface CostFileError {
  file: string;
  /** 1-based line number in the file; 0 for file-level problems. */
  line: number;
  /** The header text of the column, '' for file-level problems. */
  column: string;
  value: string;
  reason: string;
}

export interface CostFileResult {
  platform: CostPlatform;
  /** The header row's language when it could be told (`en`, `nl`, `fr`). */
  language: 'en' | 'nl' | 'fr' | 'unknown';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter: ',' | ';' | '\t' | 'xlsx';
  /** 1-based line of the header row (preamble lines come before it). */
  headerLine: number;
  /** Dates covered by the good rows: [min, max], null when none. */
  dateRange: [string, string] | null;
  rows: CostFileRow[];
  /** Rows that could not be read; a file-level error (unreadable, unknown layout) has line 0. */
  errors: CostFileError[];
  /** Lines skipped on purpose: blank lines, totals/footer rows, preamble. */
  skipped: number;
}
