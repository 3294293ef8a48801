import type { Command } from 'commander';
import { DEFAULT_TABLE_KPIS, type KpiName } from '../../core/kpis.js';
import { parseCohortParams, parseKpiParams } from '../../core/report-params.js';
import { cohortReport, type CohortReport } from '../../services/reports/cohorts.js';
import { kpiReport, type KpiReport } from '../../services/reports/kpis.js';
import { CliError } from '../errors.js';
import { goalsReportCommand } from './goals.js';
import { changeFormatter, kpiFormatter } from '../kpi-format.js';
import { parseFormat, parseLocale, render } from '../output.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

interface KpiOpts {
  from: string;
  to: string;
  by?: string;
  grain?: string;
  metrics?: string;
  model?: string;
  compare?: string;
  filter?: string[];
  halfLife?: string;
  lookback?: string;
  locale?: string;
  format?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `dimension=value` on the command line, `dimension:value` on the wire. */
const wireFilter = (f: string) => f.replace(/^([a-z_]+)=/, '$1:');

export function reportCommands(program: Command, g: () => GlobalOptions): void {
  const report = program.command('report').description('Reports over the API key’s workspace');
  cohortCommand(report, g);
  goalsReportCommand(report, g);
  report
    .command('kpis')
    .description(
      'KPIs (cost, ROAS, CPA, …) by dimensions and period, in the workspace’s time zone and currency',
    )
    .requiredOption('--from <date>', 'first local date (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last local date, inclusive (YYYY-MM-DD)')
    .option(
      '--by <dims>',
      'comma-separated: channel, source, medium, campaign, ad_group, ad, partner, landing_page, device, country, conversion_type, customer_type',
    )
    .option('--grain <grain>', 'day, week, month or quarter')
    .option(
      '--metrics <list>',
      'comma-separated KPI names (tables show a selection by default; json/csv all)',
    )
    .option(
      '--model <name>',
      'attribution model: last_non_direct (default), last_click, first_click, linear, position_based, time_decay',
    )
    .option('--compare <period>', 'previous or last_year')
    .option('--filter <dim=value>', 'keep rows with this value (repeatable)', collect)
    .option('--half-life <days>', 'time_decay half-life in days (default 7)')
    .option('--lookback <days>', 'click lookback window in days (default 30)')
    .option('--locale <locale>', 'number format of tables (default: the workspace’s)')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: KpiOpts) => {
      const format = parseFormat(o);
      const locale = parseLocale(o.locale);
      const query: Record<string, string | string[]> = { from: o.from, to: o.to };
      if (o.by) query.by = o.by;
      if (o.grain) query.grain = o.grain;
      if (o.metrics) query.metrics = o.metrics;
      if (o.model) query.model = o.model;
      if (o.compare) query.compare = o.compare;
      if (o.halfLife) query.half_life = o.halfLife;
      if (o.lookback) query.lookback = o.lookback;
      if (o.filter?.length) query.filter = o.filter.map(wireFilter);
      const parsed = parseKpiParams(query);
      if ('errors' in parsed)
        throw new CliError(
          'Invalid report options.',
          2,
          parsed.errors.map((e) => ({ ...e, field: `--${e.field.replace(/_/g, '-')}` })),
        );

      const target = await dataTarget(g());
      let r: KpiReport;
      if ('api' in target) {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) qs.append(k, x);
        r = await target.api.request<KpiReport>('GET', `/v1/reports/kpis?${qs}`);
      } else {
        r = await withStores(target.cfg, async (stores) =>
          kpiReport(stores, await resolveWorkspace(stores.app, target.key), parsed.params),
        );
      }
      printKpis(r, format, o.metrics ? parsed.params.metrics : null, locale);
    });
}

function cohortCommand(report: Command, g: () => GlobalOptions): void {
  report
    .command('cohorts')
    .description(
      'Customer cohorts by acquisition month: revenue/gross profit per customer over time, CLV, CAC, payback',
    )
    .requiredOption('--from <month>', 'first acquisition month (YYYY-MM)')
    .requiredOption('--to <month>', 'last acquisition month (YYYY-MM)')
    .option('--by <dim>', 'channel: split each month by first-touch channel')
    .option('--metric <m>', 'the triangle shows cumulative revenue or gross_profit per customer', 'revenue')
    .option('--locale <locale>', 'number format of tables (default: the workspace’s)')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(
      async (o: {
        from: string;
        to: string;
        by?: string;
        metric: string;
        locale?: string;
        format?: string;
        json?: boolean;
      }) => {
        const format = parseFormat(o);
        const locale = parseLocale(o.locale);
        if (o.metric !== 'revenue' && o.metric !== 'gross_profit')
          throw new CliError('Invalid report options.', 2, [
            { field: '--metric', reason: 'must be revenue or gross_profit' },
          ]);
        const query: Record<string, string> = { from: o.from, to: o.to, ...(o.by ? { by: o.by } : {}) };
        const parsed = parseCohortParams(query);
        if ('errors' in parsed)
          throw new CliError(
            'Invalid report options.',
            2,
            parsed.errors.map((e) => ({ ...e, field: `--${e.field}` })),
          );
        const target = await dataTarget(g());
        const r: CohortReport =
          'api' in target
            ? await target.api.request<CohortReport>(
                'GET',
                `/v1/reports/cohorts?${new URLSearchParams(query)}`,
              )
            : await withStores(target.cfg, async (stores) =>
                cohortReport(stores, await resolveWorkspace(stores.app, target.key), parsed.params),
              );
        if (format === 'json') return console.log(JSON.stringify(r, null, 2));
        const key =
          o.metric === 'revenue' ? 'cumulative_revenue_per_customer' : 'cumulative_gross_profit_per_customer';
        const ages = Math.max(0, ...r.rows.map((x) => x.months.length));
        const money = kpiFormatter(locale ?? r.locale, r.currency);
        const fmt = (v: unknown) => (format === 'csv' ? v : money('cost', v));
        const rows = r.rows.map((x) => {
          const out: Record<string, unknown> = {
            cohort: x.cohort,
            ...(r.by_channel ? { channel: x.channel } : {}),
            customers: x.customers,
            cac: fmt(x.cac),
            payback_month: x.payback_month,
          };
          for (let a = 0; a < ages; a++) out[`m${a}`] = fmt(x.months[a]?.[key] ?? null);
          return out;
        });
        const cols = [
          'cohort',
          ...(r.by_channel ? ['channel'] : []),
          'customers',
          'cac',
          'payback_month',
          ...Array.from({ length: ages }, (_, a) => `m${a}`),
        ];
        if (format === 'table')
          console.log(
            `Cohorts ${r.from} – ${r.to}, purchases up to ${r.as_of} (${r.currency}): cumulative ${o.metric.replace('_', ' ')} per customer by months since acquisition`,
          );
        console.log(render(rows, cols, format, new Set(cols.filter((c) => c === 'cac' || /^m\d+$/.test(c)))));
      },
    );
}

function printKpis(
  r: KpiReport,
  format: 'table' | 'csv' | 'json',
  asked: readonly KpiName[] | null,
  locale?: string,
) {
  if (format === 'json') return console.log(JSON.stringify(r, null, 2));
  const keys = [...(r.grain ? ['period'] : []), ...r.by];
  if (format === 'csv') {
    const metrics = asked ?? r.metrics;
    const cols = [...keys, ...metrics, ...(r.comparison ? metrics.map((m) => `${m}_change`) : [])];
    const rows = r.rows.map((row) => {
      const out: Record<string, unknown> = { ...row };
      const change = row.change as Record<string, { relative: number | null }> | undefined;
      for (const m of metrics) if (change) out[`${m}_change`] = change[m]?.relative ?? null;
      return out;
    });
    return console.log(render(rows, cols, 'csv'));
  }
  const metrics = asked ?? DEFAULT_TABLE_KPIS.filter((m) => r.metrics.includes(m));
  const fmt = kpiFormatter(locale ?? r.locale, r.currency);
  const pct = changeFormatter(locale ?? r.locale);
  const cols = [...keys];
  for (const m of metrics) {
    cols.push(m);
    if (r.comparison) cols.push(`${m} Δ`);
  }
  const line = (src: Record<string, unknown>, change?: Record<string, { relative: number | null }>) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = src[k];
    for (const m of metrics) {
      out[m] = fmt(m, src[m]);
      if (r.comparison) out[`${m} Δ`] = pct(change?.[m]?.relative);
    }
    return out;
  };
  const rows = r.rows.map((row) => line(row, row.change as Record<string, { relative: number | null }>));
  const total = line(r.totals, r.comparison?.change);
  if (keys.length) total[keys[0]!] = 'Total';
  const numeric = new Set(cols.filter((c) => !keys.includes(c)));
  console.log(
    `KPIs ${r.from} – ${r.to} (${r.time_zone}, ${r.currency}; attribution: ${r.model})` +
      (r.comparison ? `; Δ vs ${r.comparison.from} – ${r.comparison.to}` : ''),
  );
  console.log(render([...rows, total], cols, 'table', numeric));
  for (const m of r.missing_rates)
    console.error(
      `Note: ${m.rows} ${m.kind} row(s) in ${m.currency} (${m.first_date} – ${m.last_date}) have no FX rate and are left out; add one with \`rendement fx set\`.`,
    );
}
