import { dateRange } from '../../core/date-range.js';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
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
}
