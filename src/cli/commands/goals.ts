import type { Command } from 'commander';
import type { KpiName } from '../../core/kpis.js';
import {
  listGoalsWithPacing,
  paceStoredGoal,
  validateGoal,
  type GoalWithPacing,
} from '../../services/reports/goals.js';
import type { Goal } from '../../store/ports.js';
import { CliError } from '../errors.js';
import { kpiFormatter } from '../kpi-format.js';
import { parseFormat, render, type OutputFormat } from '../output.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

interface GoalOpts {
  name?: string;
  kpi?: string;
  target?: string;
  atLeast?: boolean;
  atMost?: boolean;
  from?: string;
  to?: string;
  filter?: string[];
  model?: string;
  format?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `--filter channel=Paid Search` (repeatable) → [{dimension, values}]. */
function filtersOf(list: string[] = []): Array<{ dimension: string; values: string[] }> {
  const by = new Map<string, string[]>();
  for (const f of list) {
    const m = /^([a-z_]+)[=:](.*)$/s.exec(f);
    if (!m)
      throw new CliError('Invalid goal options.', 2, [
        { field: '--filter', reason: `"${f}" must be dimension=value` },
      ]);
    by.set(m[1]!, [...(by.get(m[1]!) ?? []), m[2]!]);
  }
  return [...by].map(([dimension, values]) => ({ dimension, values }));
}

function bodyOf(o: GoalOpts): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (o.name !== undefined) body.name = o.name;
  if (o.kpi !== undefined) body.kpi = o.kpi;
  if (o.target !== undefined) body.target = Number(o.target);
  if (o.atLeast) body.direction = 'at_least';
  if (o.atMost) body.direction = 'at_most';
  if (o.from !== undefined) body.from = o.from;
  if (o.to !== undefined) body.to = o.to;
  if (o.filter?.length) body.filters = filtersOf(o.filter);
  if (o.model !== undefined) body.model = o.model;
  return body;
}

const invalid = (errors: Array<{ field: string; reason: string }>) =>
  new CliError(
    'Invalid goal options.',
    2,
    errors.map((e) => ({ ...e, field: `--${e.field.split('.')[0]}` })),
  );

function goalOptions(cmd: Command): Command {
  return cmd
    .option('--name <text>', 'what the goal is called')
    .option('--kpi <name>', 'the KPI: leads, conversions, revenue, cost, cpl, cpa, roas, mer, …')
    .option('--target <n>', 'the target value (money in the base currency)')
    .option('--at-least', 'reach at least the target (default for volumes and ROAS)')
    .option('--at-most', 'stay at or below the target (default for cost and cost ratios)')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the period, inclusive')
    .option('--filter <dim=value>', 'scope, e.g. channel=Paid Search (repeatable)', collect)
    .option('--model <name>', 'attribution model for attributed KPIs')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json');
}

export function goalCommands(program: Command, g: () => GlobalOptions): void {
  const goal = program.command('goal').description('SMART goals: a KPI target for a period, paced daily');
  goalOptions(goal.command('create').description('Create a goal and show its pacing')).action(
    async (o: GoalOpts) => {
      const format = parseFormat(o);
      const body = bodyOf(o);
      const v = validateGoal(body, false);
      if ('errors' in v) throw invalid(v.errors);
      const target = await dataTarget(g());
      const created =
        'api' in target
          ? await target.api.request<GoalWithPacing>('POST', '/v1/goals', body)
          : await withStores(target.cfg, async (stores) => {
              const ws = await resolveWorkspace(stores.app, target.key);
              if (!('goal' in v)) throw invalid([]);
              return paceStoredGoal(stores, ws, await stores.app.createGoal(ws.id, v.goal));
            });
      printGoals([created], format);
    },
  );
  goalOptions(
    goal.command('update').argument('<id>', 'goal id (goal_…)').description('Change a goal'),
  ).action(async (id: string, o: GoalOpts) => {
    const format = parseFormat(o);
    const body = bodyOf(o);
    const target = await dataTarget(g());
    const updated =
      'api' in target
        ? await target.api.request<GoalWithPacing>('PATCH', `/v1/goals/${encodeURIComponent(id)}`, body)
        : await withStores(target.cfg, async (stores) => {
            const ws = await resolveWorkspace(stores.app, target.key);
            const current = await stores.app.getGoal(ws.id, id);
            if (!current) throw new CliError(`No goal "${id}" in this workspace.`, 4);
            const v = validateGoal(body, true, current);
            if ('errors' in v) throw invalid(v.errors);
            if (!('patch' in v)) throw invalid([]);
            return paceStoredGoal(stores, ws, (await stores.app.updateGoal(ws.id, id, v.patch)) as Goal);
          });
    printGoals([updated], format);
  });
  goal
    .command('delete')
    .argument('<id>', 'goal id (goal_…)')
    .description('Delete a goal')
    .action(async (id: string) => {
      const target = await dataTarget(g());
      if ('api' in target) await target.api.request('DELETE', `/v1/goals/${encodeURIComponent(id)}`);
      else
        await withStores(target.cfg, async (stores) => {
          const ws = await resolveWorkspace(stores.app, target.key);
          if (!(await stores.app.deleteGoal(ws.id, id)))
            throw new CliError(`No goal "${id}" in this workspace.`, 4);
        });
      console.log(`Goal ${id} deleted.`);
    });
}

/** `rendement report goals`: every goal with its pacing. */
export function goalsReportCommand(report: Command, g: () => GlobalOptions): void {
  report
    .command('goals')
    .description('Goals with actual to date, projections to the period end and pacing status')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const goals =
        'api' in target
          ? (await target.api.request<{ goals: GoalWithPacing[] }>('GET', '/v1/goals')).goals
          : await withStores(target.cfg, async (stores) =>
              listGoalsWithPacing(stores, await resolveWorkspace(stores.app, target.key)),
            );
      printGoals(goals, format);
    });
}

const STATUS: Record<string, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  achieved: 'achieved',
  missed: 'missed',
  not_started: 'not started',
};

function printGoals(goals: GoalWithPacing[], format: OutputFormat): void {
  if (format === 'json') return console.log(JSON.stringify(goals.length === 1 ? goals[0] : goals, null, 2));
  const fmt = kpiFormatter(goals[0]?.locale ?? 'en', goals[0]?.currency ?? 'EUR');
  const show = (k: string, v: unknown) => (format === 'csv' ? v : fmt(k as KpiName, v));
  const rows = goals.map((x) => ({
    id: x.id,
    name: x.name,
    kpi: x.kpi,
    target: `${x.direction === 'at_least' ? '≥' : '≤'} ${String(show(x.kpi, x.target))}`,
    period: `${x.from} – ${x.to}`,
    days: `${x.pacing.elapsed_days}/${x.pacing.total_days}`,
    actual: show(x.kpi, x.pacing.actual),
    projected: show(x.kpi, x.pacing.projection_seasonal),
    status: STATUS[x.pacing.status] ?? x.pacing.status,
    needed: neededText(x, show),
  }));
  const cols = ['id', 'name', 'kpi', 'target', 'period', 'days', 'actual', 'projected', 'status', 'needed'];
  console.log(render(rows, cols, format, new Set(['actual', 'projected'])));
}

function neededText(x: GoalWithPacing, show: (k: string, v: unknown) => unknown): string {
  const n = x.pacing.needed;
  if (!n) return '';
  if (n.amount !== undefined)
    return x.direction === 'at_least'
      ? `${String(show(x.kpi, n.per_day))}/day for ${n.remaining_days} days (now ${String(show(x.kpi, n.current_per_day))})` +
          (n.extra_spend ? `; ≈ ${String(show('cost', n.extra_spend))} more spend` : '')
      : `at most ${String(show(x.kpi, n.per_day))}/day for ${n.remaining_days} days`;
  const parts: string[] = [];
  if (n.numerator)
    parts.push(`${n.numerator.input} ${String(show(n.numerator.input, n.numerator.rest))} in the rest`);
  if (n.denominator)
    parts.push(`or ${n.denominator.input} ${String(show(n.denominator.input, n.denominator.rest))}`);
  return parts.join(' ');
}
