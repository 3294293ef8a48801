import type { Command } from 'commander';
import { isIsoDate } from '../../core/time.js';
import { fatigueReport, type FatigueMetric } from '../../services/experiments/fatigue.js';
import { StatsInputError } from '../../stats/index.js';
import { CliError } from '../errors.js';
import { changeFormatter, shareFormatter } from '../kpi-format.js';
import { parseFormat, parseLocale, render } from '../output.js';
import { dataTarget, resolveWorkspace, withStores, type GlobalOptions } from '../target.js';

interface FatigueOpts {
  from: string;
  to: string;
  metric: string;
  alpha: string;
  minDecline: string;
  format?: string;
  json?: boolean;
  locale?: string;
}

const invalid = (field: string, reason: string) =>
  new CliError(`Invalid ${field}: ${reason}.`, 2, [{ field, reason }]);

function fraction(flag: string, v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw invalid(flag, `must be a number (got "${v}")`);
  return n;
}

/** `rendement report fatigue`: creative fatigue per ad over the stored costs. */
export function fatigueReportCommand(report: Command, g: () => GlobalOptions): void {
  report
    .command('fatigue')
    .description('Creative fatigue: ads whose CTR (or CVR) falls significantly over the days')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day, inclusive')
    .option('--metric <m>', 'ctr (clicks/impressions) or cvr (platform conversions/clicks)', 'ctr')
    .option('--alpha <a>', 'significance level of the trend test (Holm over all ads)', '0.05')
    .option('--min-decline <d>', 'least relative decline called fatigue (0.1 = 10%)', '0.1')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .option('--locale <locale>', 'number format of tables (default: the workspace’s)')
    .action(async (o: FatigueOpts) => {
      const format = parseFormat(o);
      const asked = parseLocale(o.locale);
      for (const [flag, v] of [
        ['--from', o.from],
        ['--to', o.to],
      ] as const)
        if (!isIsoDate(v)) throw invalid(flag, 'must be a date as YYYY-MM-DD');
      if (o.from > o.to) throw invalid('--to', `must not be before --from (${o.from})`);
      if (o.metric !== 'ctr' && o.metric !== 'cvr') throw invalid('--metric', 'must be ctr or cvr');
      const q = {
        from: o.from,
        to: o.to,
        metric: o.metric as FatigueMetric,
        alpha: fraction('--alpha', o.alpha),
        minDecline: fraction('--min-decline', o.minDecline),
      };
      const target = await dataTarget(g());
      type Report = Awaited<ReturnType<typeof fatigueReport>>;
      const r =
        'api' in target
          ? await target.api.request<Report>(
              'GET',
              `/v1/reports/fatigue?from=${q.from}&to=${q.to}&metric=${q.metric}&alpha=${q.alpha}&min_decline=${q.minDecline}`,
            )
          : await withStores(target.cfg, async (stores) =>
              fatigueReport(stores, await resolveWorkspace(stores.app, target.key), q),
            ).catch((e: unknown) => {
              if (e instanceof StatsInputError) throw invalid(`--${e.field.replace(/_/g, '-')}`, e.reason);
              throw e;
            });
      if (format === 'json') return console.log(JSON.stringify(r, null, 2));
      const locale = asked ?? r.locale;
      const pct = shareFormatter(locale);
      const change = changeFormatter(locale, true);
      const p4 = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
      const rows = r.creatives.map((c) =>
        format === 'csv'
          ? { ...c, evidence: c.evidence ?? '' }
          : {
              ad: c.ad,
              // Ads of one name run in several ad groups: without it the rows would look alike.
              ad_group: c.ad_group,
              campaign: c.campaign,
              days: c.days,
              [r.metric]: pct(c.rate),
              early: pct(c.early_rate),
              recent: pct(c.recent_rate),
              change: change(c.relative_change),
              p_adjusted:
                c.p_adjusted === null
                  ? '—'
                  : c.p_adjusted < 1e-4
                    ? `< ${p4.format(0.0001)}`
                    : p4.format(c.p_adjusted),
              fatigued: c.fatigued ? 'YES' : '',
            },
      );
      if (rows.length === 0) console.log('No ads with impressions in this period.');
      else
        console.log(
          render(
            rows,
            Object.keys(rows[0]!),
            format,
            new Set([r.metric, 'early', 'recent', 'change', 'p_adjusted']),
          ),
        );
      if (format === 'table') {
        for (const c of r.creatives.filter((x) => x.fatigued))
          console.log(`• ${c.ad} (${c.ad_group || c.campaign}): ${c.evidence}`);
        if (r.rows_without_ad > 0) console.log(`(${r.rows_without_ad} cost rows without an ad left out)`);
      }
    });
}
