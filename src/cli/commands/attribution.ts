import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  attributePaths,
  AttributionInputError,
  parseModels,
  parsePathsFile,
  PathsFileError,
  type ModelName,
  type PathsReport,
} from '../../attribution/index.js';
import { CliError } from '../errors.js';
import { parseFormat, render, type OutputFormat } from '../output.js';
import type { GlobalOptions } from '../target.js';

interface PathsOpts {
  paths: string;
  model: string;
  order: string;
  positionShares: string;
  samples?: string;
  bootstrap: string;
  seed: string;
  transitions?: string;
  coalitions?: string;
  format?: string;
  json?: boolean;
}

const integer = (flag: string, v: string): number => {
  if (!/^-?\d+$/.test(v.trim())) throw new AttributionInputError(flag, `must be an integer (got "${v}")`);
  return Number(v);
};

function shares(v: string): { first: number; middle: number; last: number } {
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
    throw new AttributionInputError(
      '--position-shares',
      `must be three numbers first,middle,last (got "${v}")`,
    );
  return { first: parts[0]!, middle: parts[1]!, last: parts[2]! };
}

const round = (x: number | null | undefined, d: number): number | null =>
  x === null || x === undefined ? null : Number(x.toFixed(d));

/** Side by side: one row per channel, a column per model (conversions, then value). */
function renderReport(r: PathsReport, format: OutputFormat): string {
  const models = Object.keys(r.models) as ModelName[];
  if (format === 'json') {
    const { fitted: _fitted, ...rest } = r;
    return JSON.stringify(rest, null, 2);
  }
  if (format === 'csv') {
    const rows = models.flatMap((m) =>
      r.models[m]!.channels.map((c) => ({
        model: m,
        channel: c.channel,
        conversions: c.conversions,
        value: c.value,
        share: c.share,
        removal_effect: c.removal_effect,
        global_conversions: c.global_conversions,
        removal_effect_value: c.removal_effect_value,
        global_value: c.global_value,
        shapley_value: c.shapley_value,
        ci_lower: c.ci_lower,
        ci_upper: c.ci_upper,
      })),
    );
    const cols = [
      'model',
      'channel',
      'conversions',
      'value',
      'share',
      'removal_effect',
      'global_conversions',
      'removal_effect_value',
      'global_value',
      'shapley_value',
      'ci_lower',
      'ci_upper',
    ];
    return render(rows, cols, 'csv');
  }
  const channels = [...new Set(models.flatMap((m) => r.models[m]!.channels.map((c) => c.channel)))].sort();
  const cell = (m: ModelName, ch: string) => r.models[m]!.channels.find((c) => c.channel === ch);
  const table = (key: 'conversions' | 'value') =>
    render(
      channels.map((ch) => ({
        channel: ch,
        ...Object.fromEntries(models.map((m) => [m, round(cell(m, ch)?.[key] ?? 0, 2)])),
      })),
      ['channel', ...models],
      'table',
    );
  const parts = [
    `${r.input.unique_paths} unique paths: ${r.input.conversions} conversions (value ${round(r.input.value, 2)}), ${r.input.non_converting} non-converting journeys.`,
    '',
    'Conversions credited',
    table('conversions'),
    '',
    'Value credited',
    table('value'),
  ];
  const withCi = models.filter((m) => r.models[m]!.ci_level);
  for (const m of withCi) {
    parts.push('', `${m}: share of conversions with 95% bootstrap interval`);
    parts.push(
      render(
        r.models[m]!.channels.map((c) => ({
          channel: c.channel,
          share: round(c.share, 4),
          lower: round(c.ci_lower, 4),
          upper: round(c.ci_upper, 4),
        })),
        ['channel', 'share', 'lower', 'upper'],
        'table',
      ),
    );
  }
  return parts.join('\n');
}

/**
 * `rendement attribution --paths FILE`: attribute aggregated paths exported from elsewhere
 * (ChannelAttribution's `path;total_conversions;total_conversion_value;total_null`). Attribution from
 * the event store (`--from/--to`, `--by`) is the store-backed mode that joins this command.
 */
export function attributionCommand(program: Command, _g: () => GlobalOptions): void {
  program
    .command('attribution')
    .description('Credit conversions to channels under each attribution model, side by side')
    .requiredOption(
      '--paths <file>',
      'aggregated paths: path;total_conversions;total_conversion_value;total_null, path as "a > b > c"',
    )
    .option('--model <name>', 'all, a model, or a comma-separated list of models', 'all')
    .option('--order <n>', 'Markov order, 1 to 4', '1')
    .option(
      '--position-shares <f,m,l>',
      'position_based shares of first, middle, last (sum 1)',
      '0.4,0.2,0.4',
    )
    .option('--samples <n>', 'Shapley: random channel orders when there are more than 15 channels')
    .option(
      '--bootstrap <n>',
      'replicates for 95% intervals on the Markov and Shapley shares (0 = none)',
      '0',
    )
    .option('--seed <n>', 'seed of the bootstrap and of Shapley sampling', '1')
    .option('--transitions <file>', 'write the Markov transition matrix (CSV)')
    .option('--coalitions <file>', 'write the Shapley coalitions and their worth (CSV)')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action((o: PathsOpts) => {
      let format: OutputFormat;
      let report: PathsReport;
      try {
        format = parseFormat(o);
      } catch (e) {
        throw new CliError('Invalid options.', 2, [{ field: '--format', reason: (e as Error).message }]);
      }
      let text: string;
      try {
        text = readFileSync(o.paths, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read ${o.paths}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
      }
      try {
        const paths = parsePathsFile(text);
        report = attributePaths(paths, {
          models: parseModels(o.model),
          all: o.model.trim() === 'all',
          order: integer('--order', o.order),
          positionShares: shares(o.positionShares),
          shapley:
            o.samples === undefined
              ? {}
              : { samples: integer('--samples', o.samples), seed: integer('--seed', o.seed) },
          bootstrap: integer('--bootstrap', o.bootstrap),
          seed: integer('--seed', o.seed),
        });
      } catch (e) {
        if (e instanceof AttributionInputError) {
          const field = e.field.startsWith('--') ? e.field : `--${e.field.replace(/_/g, '-').split('.')[0]}`;
          throw new CliError('Invalid options.', 2, [{ field, reason: e.reason }]);
        }
        if (e instanceof PathsFileError)
          throw new CliError(
            `${o.paths}: ${e.issues.length} bad cell${e.issues.length === 1 ? '' : 's'}; nothing attributed.`,
            1,
            e.issues.slice(0, 50).map((i) => ({
              field: `line ${i.line}, column ${i.column}${i.value ? ` ("${i.value}")` : ''}`,
              reason: i.reason,
            })),
          );
        throw e;
      }
      const m = report.fitted.find((r) => r.markov)?.markov;
      if (o.transitions) {
        if (!m) throw new CliError('--transitions needs the markov model (--model markov or all).', 2);
        writeFileSync(
          o.transitions,
          render(
            m.transitions() as unknown as Array<Record<string, unknown>>,
            ['from', 'to', 'probability', 'journeys'],
            'csv',
          ) + '\n',
        );
      }
      const s = report.fitted.find((r) => r.shapley)?.shapley;
      if (o.coalitions) {
        if (!s) throw new CliError('--coalitions needs the shapley model (--model shapley or all).', 2);
        const rows = s.coalitions().map((c) => ({ ...c, channels: c.channels.join(' + ') }));
        writeFileSync(
          o.coalitions,
          render(rows, ['channels', 'journeys', 'conversions', 'conversion_rate', 'worth'], 'csv') + '\n',
        );
      }
      if (format !== 'json')
        for (const k of report.skipped) process.stderr.write(`Skipped ${k.model}: ${k.reason}.\n`);
      console.log(renderReport(report, format));
    });
}
