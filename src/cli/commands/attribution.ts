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
import {
  attributionReport,
  parseAttributionParams,
  type AttributionReport,
} from '../../services/attribution/report.js';
import { CliError } from '../errors.js';
import { kpiFormatter } from '../kpi-format.js';
import { parseFormat, parseLocale, render, type OutputFormat } from '../output.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

interface PathsOpts {
  paths?: string;
  from?: string;
  to?: string;
  by: string;
  halfLife?: string;
  model: string;
  order: string;
  positionShares: string;
  bootstrap: string;
  seed: string;
  transitions?: string;
  coalitions?: string;
  collapse?: boolean;
  format?: string;
  locale?: string;
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
export function attributionCommand(program: Command, g: () => GlobalOptions): void {
  program
    .command('attribution')
    .description('Credit conversions to channels under each attribution model, side by side')
    .option(
      '--paths <file>',
      'aggregated paths: path;total_conversions;total_conversion_value;total_null, path as "a > b > c"',
    )
    .option('--from <date>', 'from the store: first local date (YYYY-MM-DD)')
    .option('--to <date>', 'from the store: last local date, inclusive')
    .option('--by <label>', 'from the store: channel, source, medium, campaign or partner', 'channel')
    .option('--half-life <days>', 'time_decay half-life in days (default 7)')
    .option('--collapse', 'from the store: count consecutive touches with the same label once')
    .option('--model <name>', 'all, a model, or a comma-separated list of models', 'all')
    .option('--order <n>', 'Markov order, 1 to 4', '1')
    .option(
      '--position-shares <f,m,l>',
      'position_based shares of first, middle, last (sum 1)',
      '0.4,0.2,0.4',
    )
    .option(
      '--bootstrap <n>',
      'replicates for 95% intervals on the Markov and Shapley shares (0 = none)',
      '0',
    )
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--transitions <file>', 'write the Markov transition matrix (CSV)')
    .option('--coalitions <file>', 'write the Shapley coalitions and their worth (CSV)')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .option('--locale <locale>', 'number format of tables (default: the workspace’s)')
    .action(async (o: PathsOpts) => {
      if (!o.paths) return storeAttribution(o, g);
      // The store's options mean nothing to a file of aggregated paths: say so rather than ignore them.
      const storeOnly = [
        ['--from', o.from !== undefined],
        ['--to', o.to !== undefined],
        ['--by', o.by !== 'channel'],
        ['--collapse', o.collapse === true],
        ['--locale', o.locale !== undefined],
      ] as const;
      const misplaced = storeOnly.filter(([, given]) => given);
      if (misplaced.length)
        throw new CliError(
          'Invalid options.',
          2,
          misplaced.map(([field]) => ({
            field,
            reason: 'attributes the workspace’s own data; it cannot be combined with --paths',
          })),
        );
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

/** `rendement attribution --from D --to D`: the models side by side on the workspace's own data. */
async function storeAttribution(o: PathsOpts, g: () => GlobalOptions): Promise<void> {
  const format = parseFormat(o);
  const asked = parseLocale(o.locale);
  const [first, , last] = o.positionShares.split(',');
  const query: Record<string, string> = {
    from: o.from ?? '',
    to: o.to ?? '',
    by: o.by,
    model: o.model,
    order: o.order,
    ...(o.halfLife ? { half_life: o.halfLife } : {}),
    ...(first && last ? { first_share: first, last_share: last } : {}),
    ...(o.collapse ? { collapse: 'true' } : {}),
    ...(o.bootstrap !== '0' ? { bootstrap: o.bootstrap, seed: o.seed } : {}),
  };
  if (!o.from || !o.to)
    throw new CliError('Give --paths FILE, or --from and --to to attribute the workspace’s own data.', 2);
  const parsed = parseAttributionParams(query);
  if ('errors' in parsed)
    throw new CliError(
      'Invalid options.',
      2,
      parsed.errors.map((e) => ({ ...e, field: `--${e.field.replace(/_/g, '-')}` })),
    );
  const target = await dataTarget(g());
  const r: AttributionReport =
    'api' in target
      ? await target.api.request<AttributionReport>('GET', `/v1/attribution?${new URLSearchParams(query)}`)
      : await withStores(target.cfg, async (stores) =>
          attributionReport(stores, await resolveWorkspace(stores.app, target.key), parsed.params),
        );
  if (format === 'json') return console.log(JSON.stringify(r, null, 2));
  const models = Object.keys(r.models) as Array<keyof AttributionReport['models']>;
  const labels = new Map<string, Record<string, unknown>>();
  // Tables read like the KPI report's (the workspace's number format); CSV keeps plain numbers.
  const fmt = kpiFormatter(asked ?? r.locale, r.currency);
  for (const m of models)
    for (const c of r.models[m]!.channels) {
      const row = labels.get(c.channel) ?? {
        [r.by]: c.channel,
        cost: format === 'csv' ? c.cost : fmt('cost', c.cost),
      };
      row[format === 'csv' ? `${m}_conversions` : m] =
        format === 'csv' ? c.conversions : fmt('conversions', c.conversions);
      if (format === 'csv') row[`${m}_value`] = c.value;
      if (format === 'csv' && c.ci_lower !== undefined) {
        row[`${m}_share_ci_lower`] = c.ci_lower;
        row[`${m}_share_ci_upper`] = c.ci_upper;
      }
      labels.set(c.channel, row);
    }
  const cols = [
    r.by,
    'cost',
    ...(format === 'csv'
      ? models.flatMap((m) => [
          `${m}_conversions`,
          `${m}_value`,
          ...(r.models[m]!.ci_level ? [`${m}_share_ci_lower`, `${m}_share_ci_upper`] : []),
        ])
      : models),
  ];
  if (format === 'table')
    console.log(
      `Conversions credited per ${r.by}, ${r.from} – ${r.to} (${fmt('conversions', r.conversions)} conversions; value in ${r.currency} in --format json/csv)`,
    );
  console.log(render([...labels.values()], cols, format, new Set(cols.filter((c) => c !== r.by))));
}
