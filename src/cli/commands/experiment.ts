import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseNumber } from '../../imports/index.js';
import {
  analyzeExperiment,
  experimentFromAggregates,
  experimentReport,
  type AggregateRow,
  type Correction,
} from '../../stats/index.js';
import { validateExperiment } from '../../services/experiments/input.js';
import { planExperiment } from '../../services/experiments/plan.js';
import { experimentResults } from '../../services/experiments/results.js';
import type { Experiment } from '../../store/ports.js';
import { CliError } from '../errors.js';
import { asCliError, csvTable, invalid, num } from './experiment-input.js';
import { factorialCommand } from './experiment-factorial.js';
import { parseFormat, render, type OutputFormat } from '../output.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

interface PlanOpts {
  baseline: string;
  mde: string;
  mdeAbsolute?: boolean;
  sd?: string;
  alpha: string;
  power: string;
  variants: string;
  correction: string;
  dailyTraffic?: string;
  days?: string;
  format?: string;
  json?: boolean;
}

interface AnalyzeOpts {
  file: string;
  alpha: string;
  correction: string;
  locale: string;
  format?: string;
  json?: boolean;
}

const flagOf = (field: string) => `--${field.replace(/_/g, '-')}`;

function fmt(v: unknown, digits = 4): unknown {
  if (typeof v !== 'number') return v;
  if (v !== 0 && Math.abs(v) < 1e-4) return Number(v.toExponential(2));
  return Number(v.toFixed(digits));
}
const pct = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(1)}%`);
const range = (ci: [number, number] | null, f: (x: number) => string) =>
  ci ? `${f(ci[0])} … ${f(ci[1])}` : null;

/** Read the aggregates CSV; errors name the line and the column. */
export function readAggregates(text: string): AggregateRow[] {
  const { decimal, records, header } = csvTable(text);
  const known = ['variant', 'units', 'conversions', 'value_sum', 'value_sum_sq', 'allocation'];
  for (const h of header)
    if (!known.includes(h)) throw invalid(`column ${h}`, `is not one of ${known.join(', ')}`);
  for (const h of ['variant', 'units', 'conversions'])
    if (!header.includes(h)) throw invalid(`column ${h}`, 'is missing from the header');
  const col = (name: string) => header.indexOf(name);
  return records.slice(1).map((r) => {
    const cell = (name: string): string | undefined => {
      const i = col(name);
      return i < 0 ? undefined : (r.cells[i] ?? '').trim();
    };
    const number = (name: string, optional: boolean): number | undefined => {
      const v = cell(name);
      if (v === undefined || (optional && v === '')) return undefined;
      // A spreadsheet that saved the file with ';' wrote decimal commas (nl-BE, fr-BE).
      const n = decimal === ',' && !/e/i.test(v) ? parseNumber(v, ',') : Number(v);
      if (v === '' || n === null || !Number.isFinite(n))
        throw invalid(`line ${r.line}, column ${name}`, `must be a number (got "${v}")`);
      return n;
    };
    const variant = cell('variant') ?? '';
    if (variant === '') throw invalid(`line ${r.line}, column variant`, 'is empty');
    return {
      variant,
      units: number('units', false)!,
      conversions: number('conversions', false)!,
      valueSum: number('value_sum', true),
      valueSumSq: number('value_sum_sq', true),
      allocation: number('allocation', true),
    };
  });
}

export function experimentCommands(program: Command, g: () => GlobalOptions): void {
  const exp = program
    .command('experiment')
    .description('A/B and multivariate tests: define, plan the sample size, analyze results');
  workspaceExperimentCommands(exp, g);
  factorialCommand(exp);
  exp
    .command('plan')
    .description('Sample size per variant (and duration, reachable MDE) for a two-sided test against control')
    .requiredOption('--baseline <r>', 'baseline conversion rate (0.05 = 5%), or baseline mean with --sd')
    .requiredOption('--mde <m>', 'minimum detectable effect, relative to the baseline (0.1 = +10%)')
    .option('--mde-absolute', 'read --mde as an absolute difference (0.005 = +0.5 points)')
    .option(
      '--sd <s>',
      'standard deviation of the metric: plan for a mean (revenue per visitor) instead of a rate',
    )
    .option('--alpha <a>', 'significance level, two-sided', '0.05')
    .option('--power <p>', 'power', '0.8')
    .option('--variants <k>', 'number of variants including control', '2')
    .option(
      '--correction <c>',
      'bonferroni | holm | none, over the K − 1 comparisons with control',
      'bonferroni',
    )
    .option('--daily-traffic <n>', 'units entering the experiment per day: gives the duration')
    .option('--days <d>', 'with --daily-traffic: the MDE reachable in this many days')
    .option('--format <f>', 'table | json | csv', 'table')
    .option('--json', 'alias of --format json')
    .action((o: PlanOpts) => {
      const format = parseFormat(o);
      let out: Record<string, unknown>;
      try {
        out = planExperiment({
          baseline: num('--baseline', o.baseline)!,
          mde: num('--mde', o.mde)!,
          mdeAbsolute: o.mdeAbsolute ?? false,
          sd: num('--sd', o.sd),
          alpha: num('--alpha', o.alpha),
          power: num('--power', o.power),
          variants: num('--variants', o.variants),
          correction: o.correction,
          dailyTraffic: num('--daily-traffic', o.dailyTraffic),
          days: num('--days', o.days),
        });
      } catch (e) {
        asCliError(e, flagOf);
      }
      if (format === 'json') console.log(JSON.stringify(out, null, 2));
      else if (format === 'csv') console.log(render([out], Object.keys(out), 'csv'));
      else
        console.log(
          render(
            Object.entries(out).map(([field, value]) => ({
              field,
              value: typeof value === 'number' ? String(fmt(value, 6)) : String(value ?? '—'),
            })),
            ['field', 'value'],
            'table',
          ),
        );
    });

  exp
    .command('analyze')
    .description(
      'Analyze aggregate results: CSV variant,units,conversions[,value_sum,value_sum_sq][,allocation], control first',
    )
    .requiredOption('--file <f>', 'CSV of aggregates per variant')
    .option('--alpha <a>', 'significance level, two-sided', '0.05')
    .option(
      '--correction <c>',
      'holm | bh | bonferroni | none, over all variant × metric comparisons',
      'holm',
    )
    .option(
      '--locale <l>',
      'language of the verdicts: en | nl | fr (with a region, e.g. nl-BE, for number formats)',
      'en',
    )
    .option('--format <f>', 'table | json | csv', 'table')
    .option('--json', 'alias of --format json')
    .action((o: AnalyzeOpts) => {
      const format = parseFormat(o);
      let text: string;
      try {
        text = readFileSync(o.file, 'utf8');
      } catch (e) {
        throw invalid('--file', `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      const rows = readAggregates(text);
      let report: ReturnType<typeof experimentReport>;
      try {
        const input = experimentFromAggregates(rows, {
          alpha: num('--alpha', o.alpha),
          correction: o.correction as Correction,
          locale: o.locale,
        });
        report = experimentReport(
          analyzeExperiment(input),
          rows.map((r) => r.conversions),
        );
      } catch (e) {
        asCliError(e, (f) => {
          const m = /^variants\[(\d+)\]\.?(.*)$/.exec(f);
          if (m) return `line ${Number(m[1]) + 2}${m[2] ? `, column ${m[2]}` : ''}`;
          return ['alpha', 'correction', 'locale'].includes(f) ? flagOf(f) : `column ${f}`;
        });
      }
      printAnalysis(report, format);
    });
}

type Report = Pick<ReturnType<typeof experimentReport>, 'variants' | 'srm' | 'srm_p_value' | 'verdicts'>;

/** Per metric and variant: the table or CSV of an analysis, then the SRM check and the verdicts. */
function printAnalysis(report: Report, format: OutputFormat): void {
  if (format === 'json') {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const metricNames = Object.keys(report.variants[0]!.metrics);
  const rowsOut = metricNames.flatMap((metric) =>
    report.variants.map((v) => {
      const m = v.metrics[metric]!;
      return format === 'csv'
        ? {
            metric,
            variant: v.variant,
            units: v.units,
            value: m.value,
            ci_low: m.ci?.[0] ?? null,
            ci_high: m.ci?.[1] ?? null,
            abs_lift: m.abs_lift,
            abs_lift_ci_low: m.abs_lift_ci?.[0] ?? null,
            abs_lift_ci_high: m.abs_lift_ci?.[1] ?? null,
            rel_lift: m.rel_lift,
            rel_lift_ci_low: m.rel_lift_ci?.[0] ?? null,
            rel_lift_ci_high: m.rel_lift_ci?.[1] ?? null,
            p_value: m.p_value,
            p_adjusted: m.p_adjusted,
            chance_to_beat_control: m.chance_to_beat_control,
            chance_to_be_best: m.chance_to_be_best,
            expected_loss: m.expected_loss,
            sequential_p_value: m.sequential_p_value,
            srm_p_value: report.srm_p_value,
          }
        : {
            metric,
            variant: v.variant,
            units: v.units,
            value: fmt(m.value),
            rel_lift: pct(m.rel_lift),
            rel_lift_ci: range(m.rel_lift_ci, (x) => pct(x)!),
            p_value: fmt(m.p_value),
            p_adjusted: fmt(m.p_adjusted),
            beat_control: pct(m.chance_to_beat_control),
            best: pct(m.chance_to_be_best),
            seq_p: fmt(m.sequential_p_value),
          };
    }),
  );
  if (rowsOut.length > 0) console.log(render(rowsOut, Object.keys(rowsOut[0]!), format));
  if (format === 'table') {
    const s = report.srm;
    console.log(
      `\nSample ratio: χ² = ${s.chi_square.toFixed(2)}, p = ${fmt(s.p_value)}${s.mismatch ? ' — MISMATCH: the split is not as planned; do not trust the results until the cause is found' : ' (ok)'}`,
    );
    for (const v of report.verdicts) console.log(`• ${v}`);
  }
}

interface CreateOpts {
  name: string;
  key?: string;
  hypothesis?: string;
  variant: string[];
  primary?: string;
  secondary?: string[];
  guardrail?: string[];
  conversionType?: string;
  from: string;
  to?: string;
  status?: string;
  format?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `--variant control=0.5` (repeatable, control first) → {name, allocation?}. */
function variantOf(v: string): { name: string; allocation?: number } {
  const m = /^(.*?)(?:=([^=]*))?$/s.exec(v)!;
  if (m[2] === undefined) return { name: m[1]! };
  const a = Number(m[2]);
  if (m[2].trim() === '' || !Number.isFinite(a))
    throw invalid('--variant', `"${v}" must be name or name=allocation (a fraction)`);
  return { name: m[1]!, allocation: a };
}

/** API field names → the flags that set them. */
const CREATE_FLAGS: Record<string, string> = {
  variants: '--variant',
  primary_metric: '--primary',
  secondary_metrics: '--secondary',
  guardrail_metrics: '--guardrail',
  conversion_type: '--conversion-type',
};

function printExperiments(list: Experiment[], format: OutputFormat): void {
  if (format === 'json') return console.log(JSON.stringify(list.length === 1 ? list[0] : list, null, 2));
  const rows = list.map((e) => ({
    id: e.id,
    key: e.key,
    name: e.name,
    status: e.status,
    period: `${e.from} – ${e.to ?? '…'}`,
    variants: e.variants.map((v) => `${v.name} ${Math.round(v.allocation * 1000) / 10}%`).join(', '),
    metrics: [e.primary_metric, ...e.secondary_metrics, ...e.guardrail_metrics].join(', '),
  }));
  console.log(render(rows, ['id', 'key', 'name', 'status', 'period', 'variants', 'metrics'], format));
}

/** `experiment create|list|results`: experiments of the workspace, through the API or on the stores. */
function workspaceExperimentCommands(exp: Command, g: () => GlobalOptions): void {
  exp
    .command('create')
    .description('Define an experiment: exposures are events with experiment = its key and a variant')
    .requiredOption('--name <text>', 'what the experiment is called')
    .option('--key <text>', 'the experiment value exposures carry (default: the name)')
    .option('--hypothesis <text>', 'what you expect and why')
    .requiredOption('--variant <name[=allocation]>', 'a variant, control first (repeatable)', collect)
    .option('--primary <metric>', 'conversion_rate | revenue_per_visitor | aov', 'conversion_rate')
    .option('--secondary <metric>', 'a secondary metric (repeatable)', collect)
    .option('--guardrail <metric>', 'a guardrail metric (repeatable)', collect)
    .option('--conversion-type <type>', 'the conversion type that counts', 'purchase')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, workspace time zone)')
    .option('--to <date>', 'last day, inclusive (open-ended when left out)')
    .option('--status <s>', 'draft | running | stopped | completed', 'running')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: CreateOpts) => {
      const format = parseFormat(o);
      const body: Record<string, unknown> = {
        name: o.name,
        variants: o.variant.map(variantOf),
        primary_metric: o.primary,
        conversion_type: o.conversionType,
        from: o.from,
        status: o.status,
        ...(o.key !== undefined ? { key: o.key } : {}),
        ...(o.hypothesis !== undefined ? { hypothesis: o.hypothesis } : {}),
        ...(o.secondary ? { secondary_metrics: o.secondary } : {}),
        ...(o.guardrail ? { guardrail_metrics: o.guardrail } : {}),
        ...(o.to !== undefined ? { to: o.to } : {}),
      };
      const v = validateExperiment(body);
      if ('errors' in v)
        throw new CliError(
          'Invalid experiment options.',
          2,
          v.errors.map((e) => {
            const top = e.field.split('.')[0]!;
            return { field: CREATE_FLAGS[top] ?? `--${top.replace(/_/g, '-')}`, reason: e.reason };
          }),
        );
      const target = await dataTarget(g());
      const created =
        'api' in target
          ? await target.api.request<Experiment>('POST', '/v1/experiments', body)
          : await withStores(target.cfg, async (stores) => {
              const ws = await resolveWorkspace(stores.app, target.key);
              if (!('experiment' in v)) throw invalid('(options)', 'incomplete');
              return stores.app.createExperiment(ws.id, v.experiment);
            });
      printExperiments([created], format);
    });

  exp
    .command('list')
    .description('Experiments of the workspace, newest start first')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const list =
        'api' in target
          ? (await target.api.request<{ experiments: Experiment[] }>('GET', '/v1/experiments')).experiments
          : await withStores(target.cfg, async (stores) =>
              stores.app.listExperiments((await resolveWorkspace(stores.app, target.key)).id),
            );
      if (format === 'json') console.log(JSON.stringify(list, null, 2));
      else printExperiments(list, format);
    });

  exp
    .command('results')
    .argument('<id>', 'experiment id (exp_…)')
    .description('Results from exposures and conversions: lifts, p-values, sequential, Bayesian, SRM')
    .option('--alpha <a>', 'significance level, two-sided', '0.05')
    .option('--correction <c>', 'holm | bh | bonferroni | none', 'holm')
    .option('--pre-days <d>', 'days of pre-exposure revenue for CUPED (0: none)', '28')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(
      async (
        id: string,
        o: { alpha: string; correction: string; preDays: string; format?: string; json?: boolean },
      ) => {
        const format = parseFormat(o);
        const alpha = num('--alpha', o.alpha)!;
        const preDays = num('--pre-days', o.preDays)!;
        if (!['holm', 'bh', 'bonferroni', 'none'].includes(o.correction))
          throw invalid('--correction', 'must be holm, bh, bonferroni or none');
        const target = await dataTarget(g());
        type Results = Awaited<ReturnType<typeof experimentResults>>;
        let res: Results;
        try {
          res =
            'api' in target
              ? await target.api.request<Results>(
                  'GET',
                  `/v1/experiments/${encodeURIComponent(id)}/results?alpha=${alpha}&correction=${o.correction}&pre_days=${preDays}`,
                )
              : await withStores(target.cfg, async (stores) => {
                  const ws = await resolveWorkspace(stores.app, target.key);
                  const e = await stores.app.getExperiment(ws.id, id);
                  if (!e) throw new CliError(`No experiment "${id}" in this workspace.`, 4);
                  return experimentResults(stores, ws, e, {
                    alpha,
                    correction: o.correction as Correction,
                    preDays,
                  });
                });
        } catch (e) {
          asCliError(e, flagOf);
        }
        if (format === 'json') return console.log(JSON.stringify(res, null, 2));
        if (format === 'table')
          console.log(
            `${res.experiment.name} (${res.experiment.key}) — ${res.window.from} → ${res.window.to}\n`,
          );
        printAnalysis(res, format);
        if (format === 'table') {
          const off = res.srm_breakdown.filter((s) => s.mismatch);
          for (const s of off)
            console.log(
              `  SRM in ${s.dimension} = ${s.segment}: χ² = ${s.chi_square.toFixed(2)}, p = ${fmt(s.p_adjusted)} (${Object.entries(
                s.units,
              )
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`,
            );
          for (const m of res.skipped_metrics) console.log(`  ${m.name} not analysed yet: ${m.reason}`);
        }
      },
    );
}
