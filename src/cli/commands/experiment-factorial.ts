import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseNumber } from '../../imports/index.js';
import { factorialAnalysis, factorialReport, type FactorialCell } from '../../stats/index.js';
import { parseFormat, render } from '../output.js';
import { asCliError, csvTable, invalid, num } from './experiment-input.js';

/**
 * The cells of a factorial test from CSV: every column other than units, conversions, value_sum
 * and value_sum_sq is a factor (hook, visual, cta, …), one row per combination of levels.
 */
export function readFactorialCells(text: string): FactorialCell[] {
  const { decimal, records, header } = csvTable(text);
  const measures = ['units', 'conversions', 'value_sum', 'value_sum_sq'];
  if (!header.includes('units')) throw invalid('column units', 'is missing from the header');
  if (!header.includes('conversions') && !header.includes('value_sum'))
    throw invalid('column conversions', 'give conversions (a rate) or value_sum and value_sum_sq (a mean)');
  const factors = header.filter((h) => !measures.includes(h));
  if (factors.length === 0) throw invalid('--file', 'needs at least one factor column (e.g. hook, visual)');
  return records.slice(1).map((r) => {
    const cell = (name: string) => {
      const i = header.indexOf(name);
      return i < 0 ? undefined : (r.cells[i] ?? '').trim();
    };
    const number = (name: string): number | undefined => {
      const v = cell(name);
      if (v === undefined) return undefined;
      const n = decimal === ',' && !/e/i.test(v) ? parseNumber(v, ',') : Number(v);
      if (v === '' || n === null || !Number.isFinite(n))
        throw invalid(`line ${r.line}, column ${name}`, `must be a number (got "${v}")`);
      return n;
    };
    const levels: Record<string, string> = {};
    for (const f of factors) {
      const v = cell(f) ?? '';
      if (v === '') throw invalid(`line ${r.line}, column ${f}`, 'is empty');
      levels[f] = v;
    }
    return {
      levels,
      units: number('units')!,
      conversions: number('conversions'),
      sum: number('value_sum'),
      sumSq: number('value_sum_sq'),
    };
  });
}

export function factorialCommand(exp: Command): void {
  exp
    .command('factorial')
    .description(
      'Main effects and two-way interactions of a multivariate (factorial) test, e.g. hook × visual × CTA',
    )
    .requiredOption(
      '--file <f>',
      'CSV: factor columns (hook,visual,…), units, conversions — or value_sum,value_sum_sq',
    )
    .option('--alpha <a>', 'significance level, two-sided', '0.05')
    .option('--format <f>', 'table | json | csv', 'table')
    .option('--json', 'alias of --format json')
    .action((o: { file: string; alpha: string; format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      let text: string;
      try {
        text = readFileSync(o.file, 'utf8');
      } catch (e) {
        throw invalid('--file', `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      let report: ReturnType<typeof factorialReport>;
      try {
        report = factorialReport(factorialAnalysis(readFactorialCells(text), num('--alpha', o.alpha)));
      } catch (e) {
        asCliError(e, (f) => (f === 'alpha' ? '--alpha' : `--file (${f})`));
      }
      if (format === 'json') return console.log(JSON.stringify(report, null, 2));
      const rows = report.effects.map((e) => ({
        effect:
          e.kind === 'main'
            ? `${e.factors[0]}: ${e.levels[0]}`
            : `${e.factors.join(' × ')}: ${e.levels.join(' × ')}`,
        kind: e.kind,
        estimate: Number(e.estimate.toPrecision(4)),
        ci_lower: Number(e.ci_lower.toPrecision(4)),
        ci_upper: Number(e.ci_upper.toPrecision(4)),
        p_value: Number(e.p_value.toPrecision(3)),
      }));
      if (format === 'table')
        console.log(
          `Factors: ${report.factors.map((f) => `${f.name} (${f.levels.join(', ')})`).join('; ')}; mean ${report.grand_mean.toPrecision(4)}, df ${report.df}`,
        );
      console.log(render(rows, ['effect', 'kind', 'estimate', 'ci_lower', 'ci_upper', 'p_value'], format));
    });
}
