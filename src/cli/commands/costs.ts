import { dateRange } from '../../core/date-range.js';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { isCurrencyCode } from '../../core/money.js';
import { COST_PLATFORMS, type CostPlatform } from '../../imports/types.js';
import {
  importCostBytes,
  parseFxFile,
  setFxRates,
  undoImport,
  unmatchedCosts,
  type FxResult,
  type ImportReport,
  type UnmatchedReport,
} from '../../services/costs/index.js';
import type { CostImportRecord, FxRate } from '../../store/ports.js';
import { CliError } from '../errors.js';
import { parseFormat, render } from '../output.js';
import { progress } from '../progress.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** Below this many rows (or bytes) a progress bar would only flicker. */
const PROGRESS_FROM_ROWS = 5_000;
const PROGRESS_FROM_BYTES = 1 << 20;

interface ImportOpts {
  platform: string;
  currency?: string;
  dryRun?: boolean;
  skipBadRows?: boolean;
  format?: string;
  json?: boolean;
}

function printReport(r: ImportReport, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  const out = r.status === 'rejected' ? console.error : console.log;
  out(r.message);
  out(
    render(
      [
        {
          import_id: r.import_id ?? '—',
          platform: r.platform,
          accounts: r.account_ids.join(' ') || '—',
          from: r.date_from,
          to: r.date_to,
          read: r.rows_read,
          imported: r.rows_imported,
          rejected: r.rows_rejected,
          amounts: r.amounts.map((a) => `${a.amount} ${a.currency}`).join(', '),
        },
      ],
      ['import_id', 'platform', 'accounts', 'from', 'to', 'read', 'imported', 'rejected', 'amounts'],
      'table',
    ),
  );
  if (r.replaces.length)
    out(`Replaces the rows of earlier import(s) on the same dates: ${r.replaces.join(', ')}`);
  for (const e of r.errors.slice(0, 50))
    out(
      `  ${e.file}${e.line ? `, line ${e.line}` : ''}${e.column ? `, column ${e.column}` : ''}${e.value ? ` ("${e.value}")` : ''}: ${e.reason}`,
    );
  if (r.errors.length > 50) out(`  … and ${r.errors.length - 50} more (use --format json for all)`);
}

export function costCommands(program: Command, g: () => GlobalOptions): void {
  const imp = program.command('import').description('Import data from files');
  imp
    .command('costs')
    .description('Import an ad-platform cost export (CSV, TSV or XLSX; English, Dutch or French headers)')
    .argument('<file>', 'the exported report')
    .option('--platform <p>', `auto or one of ${COST_PLATFORMS.join(', ')}`, 'auto')
    .option('--currency <code>', 'currency of rows whose file names none (default: the workspace currency)')
    .option('--dry-run', 'read and check the file, write nothing')
    .option(
      '--skip-bad-rows',
      'import the good rows and report the bad ones (default: a bad row imports nothing)',
    )
    .option('--format <f>', 'table or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (file: string, o: ImportOpts) => {
      const format = parseFormat(o);
      const details = [];
      if (o.platform !== 'auto' && !(COST_PLATFORMS as readonly string[]).includes(o.platform))
        details.push({ field: '--platform', reason: `must be auto or one of ${COST_PLATFORMS.join(', ')}` });
      const currency = o.currency?.trim().toUpperCase();
      if (currency && !isCurrencyCode(currency))
        details.push({ field: '--currency', reason: 'must be an ISO 4217 currency code such as EUR' });
      if (details.length) throw new CliError('Invalid options.', 2, details);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
      }
      const fileName = basename(file);
      const target = await dataTarget(g());
      let report: ImportReport;
      if ('api' in target) {
        const q = new URLSearchParams({ platform: o.platform, file_name: fileName });
        if (currency) q.set('currency', currency);
        if (o.dryRun) q.set('dry_run', 'true');
        if (o.skipBadRows) q.set('skip_bad_rows', 'true');
        const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        process.stderr.write(`Uploading ${fileName} (${Math.ceil(bytes.length / 1024)} KB)…\n`);
        // The server reads and writes the file within the request: the bar follows the upload,
        // then one line says the server is at work (it sends no progress of its own).
        let bar = bytes.length >= PROGRESS_FROM_BYTES ? progress(`Uploading ${fileName}`) : null;
        let res;
        try {
          res = await target.api.upload<
            ImportReport & {
              report?: ImportReport;
              message?: string;
              errors?: Array<{ field: string; reason: string }>;
            }
          >(`/v1/costs/import?${q}`, bytes, type, (sent, total) => {
            bar?.update(Math.round((100 * sent) / total), 100);
            if (sent === total) {
              bar?.stop();
              bar = null;
              process.stderr.write(`Uploaded; the server is importing ${fileName}…\n`);
            }
          });
        } finally {
          bar?.stop();
        }
        if (res.status >= 400 && !res.body.report)
          throw new CliError(
            res.body.message ?? `The server answered ${res.status}.`,
            1,
            res.body.errors ?? [],
          );
        report = res.body.report ?? res.body;
      } else {
        report = await withStores(target.cfg, async (stores) => {
          const ws = await resolveWorkspace(stores.app, target.key);
          // Two phases: reading the file (most of the time; in % of the file) and writing the rows.
          type Bar = ReturnType<typeof progress>;
          let reading =
            bytes.length >= PROGRESS_FROM_BYTES ? (progress(`Reading ${fileName}`) as Bar | null) : null;
          let writing = null as Bar | null;
          try {
            return await importCostBytes(stores, ws, bytes, {
              fileName,
              platform: o.platform as CostPlatform | 'auto',
              currency,
              dryRun: o.dryRun,
              skipBadRows: o.skipBadRows,
              by: 'cli',
              onReadProgress: (done, total) => reading?.update(Math.round((100 * done) / total), 100),
              onProgress: (done, total) => {
                if (total < PROGRESS_FROM_ROWS) return;
                reading?.stop();
                reading = null;
                writing ??= progress(`Writing ${fileName}`);
                writing.update(done, total);
              },
            });
          } finally {
            reading?.stop();
            writing?.stop();
          }
        });
      }
      printReport(report, format === 'json');
      if (report.status === 'rejected') process.exitCode = 1;
    });

  const costs = program.command('costs').description('Cost imports and cost checks');
  costs
    .command('imports')
    .description('List cost-file imports, newest first')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const rows =
        'api' in target
          ? (await target.api.request<{ imports: CostImportRecord[] }>('GET', '/v1/costs/imports')).imports
          : await withStores(target.cfg, async ({ app }) =>
              app.listCostImports((await resolveWorkspace(app, target.key)).id),
            );
      const view = rows.map((r) => ({
        ...r,
        accounts: r.account_ids.join(' '),
        status: r.undone_at ? `undone ${r.undone_at.slice(0, 10)}` : 'active',
      }));
      console.log(
        render(
          format === 'json' ? (rows as unknown as Array<Record<string, unknown>>) : view,
          [
            'id',
            'created_at',
            'file_name',
            'platform',
            'accounts',
            'date_from',
            'date_to',
            'rows_read',
            'rows_imported',
            'rows_rejected',
            'created_by',
            'status',
          ],
          format,
        ),
      );
    });

  costs
    .command('undo')
    .description(
      "Undo an import: its rows stop counting and the previous import's rows for those dates come back",
    )
    .argument('<id>', 'the import id (see rendement costs imports)')
    .action(async (id: string) => {
      const target = await dataTarget(g());
      const rec =
        'api' in target
          ? (
              await target.api.request<{ import: CostImportRecord }>(
                'POST',
                `/v1/costs/imports/${encodeURIComponent(id)}/undo`,
              )
            ).import
          : await withStores(target.cfg, async ({ app }) => {
              const ws = await resolveWorkspace(app, target.key);
              return undoImport(app, ws.id, id, 'cli');
            });
      if (!rec) throw new CliError(`No import "${id}" in this workspace (see rendement costs imports).`);
      console.log(
        `Undone: ${rec.id} (${rec.file_name}, ${rec.rows_imported} rows, ${rec.date_from} – ${rec.date_to}).`,
      );
    });

  costs
    .command('unmatched')
    .description('Spend whose campaign matches no tracked traffic, and paid traffic without spend')
    .requiredOption('--from <date>', 'first local date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, inclusive (YYYY-MM-DD)')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { from: string; to: string; format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const report: UnmatchedReport =
        'api' in target
          ? await target.api.request(
              'GET',
              `/v1/costs/unmatched?from=${encodeURIComponent(o.from)}&to=${encodeURIComponent(o.to)}`,
            )
          : await withStores(target.cfg, async (stores) => {
              const ws = await resolveWorkspace(stores.app, target.key);
              const range = dateRange(o, ws.time_zone);
              if ('errors' in range)
                throw new CliError(
                  'Invalid dates.',
                  2,
                  range.errors.map((e) => ({ ...e, field: `--${e.field}` })),
                );
              return unmatchedCosts(stores, ws, {
                from: o.from,
                to: o.to,
                fromMs: range.from,
                toMs: range.to,
              });
            });
      if (format === 'json') return console.log(JSON.stringify(report, null, 2));
      console.log('Spend without tracked traffic:');
      console.log(
        render(
          report.unmatched_costs as unknown as Array<Record<string, unknown>>,
          ['platform', 'campaign', 'campaign_id', 'amount', 'currency'],
          format,
        ),
      );
      console.log('\nPaid traffic without spend:');
      console.log(
        render(
          report.unmatched_traffic as unknown as Array<Record<string, unknown>>,
          ['channel', 'utm_campaign', 'utm_id', 'touchpoints'],
          format,
        ),
      );
    });

  const fx = program.command('fx').description("Exchange rates to the workspace's base currency");
  const putRates = async (rates: unknown[], lines?: number[]) => {
    const target = await dataTarget(g());
    const result: FxResult =
      'api' in target
        ? await target.api.request('PUT', '/v1/fx-rates', { rates })
        : await withStores(target.cfg, async ({ app, events }) => {
            const ws = await resolveWorkspace(app, target.key);
            const r = await setFxRates(events, ws, { rates });
            if ('envelope' in r) throw new CliError('Invalid rates.', 2, r.envelope);
            return r;
          });
    console.log(`Stored ${result.accepted} rate(s).`);
    if (result.rejected.length) {
      for (const r of result.rejected)
        for (const e of r.errors)
          console.error(
            `  ${lines ? `line ${lines[r.index]}` : `rate ${r.index + 1}`}: ${e.field} ${e.reason}`,
          );
      process.exitCode = 1;
    }
  };
  fx.command('set')
    .description('Set one rate: 1 CURRENCY = RATE base currency, from DATE on')
    .argument('<currency>')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<rate>')
    .action((currency: string, date: string, rate: string) => putRates([{ currency, date, rate }]));
  fx.command('import')
    .description('Import rates from a CSV file with the columns date, currency, rate')
    .argument('<file>')
    .action(async (file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
      }
      const parsed = parseFxFile(text);
      if (parsed.error) throw new CliError(`${basename(file)}: ${parsed.error}.`);
      await putRates(parsed.rates, parsed.lines);
    });
  fx.command('list')
    .description('List the rates')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const rates: FxRate[] =
        'api' in target
          ? (await target.api.request<{ rates: FxRate[] }>('GET', '/v1/fx-rates')).rates
          : await withStores(target.cfg, async ({ app, events }) =>
              events.listFxRates((await resolveWorkspace(app, target.key)).id),
            );
      console.log(
        render(rates as unknown as Array<Record<string, unknown>>, ['currency', 'date', 'rate'], format),
      );
    });
}
