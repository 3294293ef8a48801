import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseNumber, tokenizeCsv } from '../../imports/index.js';
import {
  StatsInputError,
  analyzeExperiment,
  experimentFromAggregates,
  experimentReport,
  type AggregateRow,
  type Correction,
} from '../../stats/index.js';
import { planExperiment } from '../../services/experiments/plan.js';
import { CliError } from '../errors.js';
import { parseFormat, render } from '../output.js';
import type { GlobalOptions } from '../target.js';

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

const invalid = (field: string, reason: string) =>
  new CliError(`Invalid ${field}: ${reason}.`, 2, [{ field, reason }]);

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw invalid(flag, `must be a number (got "${v}")`);
  return n;
}

/** StatsInputError names the statistic's field; the user knows the flag or the CSV column. */
function asCliError(e: unknown, fieldToFlag: (f: string) => string): never {
  if (e instanceof StatsInputError) throw invalid(fieldToFlag(e.field), e.reason);
  throw e;
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
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const decimal = delimiter === ';' ? ',' : '.';
  const records = tokenizeCsv(clean, delimiter).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) throw invalid('--file', 'is empty');
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
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

export function experimentCommands(program: Command, _g: () => GlobalOptions): void {
  const exp = program
    .command('experiment')
    .description('A/B and multivariate tests: plan the sample size, analyze results');
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
      console.log(render(rowsOut, Object.keys(rowsOut[0]!), format));
      if (format === 'table') {
        const s = report.srm;
        console.log(
          `\nSample ratio: χ² = ${s.chi_square.toFixed(2)}, p = ${fmt(s.p_value)}${s.mismatch ? ' — MISMATCH: the split is not as planned; do not trust the results until the cause is found' : ' (ok)'}`,
        );
        for (const v of report.verdicts) console.log(`• ${v}`);
      }
    });
}
