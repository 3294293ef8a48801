import { dateRange } from '../../core/date-range.js';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import {
  creditExport,
  creditExportHeader,
  creditExportLine,
  parseCreditExportParams,
} from '../../services/attribution/credit-export.js';
import { CliError } from '../errors.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

export function exportCommand(program: Command, g: () => GlobalOptions): void {
  const exp = program.command('export').description('Export your raw data');
  exp
    .command('events')
    .description(
      'Touchpoints and conversions (current status) as NDJSON, one object per line with a "kind" field',
    )
    .requiredOption('--from <date>', 'first local date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, inclusive (YYYY-MM-DD)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (o: { from: string; to: string; output?: string }) => {
      const out: NodeJS.WritableStream = o.output ? createWriteStream(o.output) : process.stdout;
      const target = await dataTarget(g());
      if ('api' in target) {
        await target.api.stream(
          `/v1/export/events?from=${encodeURIComponent(o.from)}&to=${encodeURIComponent(o.to)}`,
          out,
        );
      } else {
        await withStores(target.cfg, async ({ app, events }) => {
          const ws = await resolveWorkspace(app, target.key);
          const range = dateRange(o, ws.time_zone);
          if ('errors' in range)
            throw new CliError(
              'Invalid dates.',
              2,
              range.errors.map((e) => ({ ...e, field: `--${e.field}` })),
            );
          for await (const rec of events.exportEvents(ws.id, range.from, range.to)) {
            if (!out.write(`${JSON.stringify(rec)}\n`))
              await new Promise<void>((r) => out.once('drain', () => r()));
          }
        });
      }
      if (o.output) await new Promise<void>((r) => out.end(() => r()));
    });
  exp
    .command('credit')
    .description(
      'Transaction-level attribution: each conversion touch by touch with its share under each model (NDJSON or CSV)',
    )
    .requiredOption('--from <date>', 'first local date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, inclusive (YYYY-MM-DD)')
    .option('--model <name>', 'a model, a comma-separated list, or all', 'last_non_direct')
    .option(
      '--by <label>',
      'Markov and Shapley: fit on channel, source, medium, campaign or partner',
      'channel',
    )
    .option('--half-life <days>', 'time_decay half-life in days (default 7)')
    .option('--position-shares <f,m,l>', 'position_based shares of first, middle, last (sum 1)')
    .option('--order <n>', 'Markov order, 1 to 4')
    .option('--format <f>', 'ndjson or csv', 'ndjson')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (o: CreditOpts) => {
      const [first, , last] = (o.positionShares ?? '').split(',');
      const query: Record<string, string> = {
        from: o.from,
        to: o.to,
        model: o.model,
        by: o.by,
        format: o.format,
        ...(o.halfLife ? { half_life: o.halfLife } : {}),
        ...(o.order ? { order: o.order } : {}),
        ...(first && last ? { first_share: first, last_share: last } : {}),
      };
      const parsed = parseCreditExportParams(query);
      if ('errors' in parsed)
        throw new CliError(
          'Invalid options.',
          2,
          parsed.errors.map((e) => ({ ...e, field: `--${e.field.replace(/_/g, '-')}` })),
        );
      const { format } = parsed.params;
      const out: NodeJS.WritableStream = o.output ? createWriteStream(o.output) : process.stdout;
      const target = await dataTarget(g());
      if ('api' in target) {
        await target.api.stream(`/v1/export/credit?${new URLSearchParams(query)}`, out);
      } else {
        await withStores(target.cfg, async (stores) => {
          const ws = await resolveWorkspace(stores.app, target.key);
          const write = async (line: string) => {
            if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
          };
          await write(creditExportHeader(format));
          for await (const r of creditExport(stores, ws, parsed.params))
            await write(creditExportLine(r, format));
        });
      }
      if (o.output) await new Promise<void>((r) => out.end(() => r()));
    });
}

interface CreditOpts {
  from: string;
  to: string;
  model: string;
  by: string;
  halfLife?: string;
  positionShares?: string;
  order?: string;
  format: string;
  output?: string;
}
