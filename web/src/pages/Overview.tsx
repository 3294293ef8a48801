import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { DateRange } from '../components/DateRange';
import { ErrorNote, Loaded, Loading } from '../components/States';
import { daysBetween } from '../dates';
import { date, money, pct } from '../format';
import type { Lang } from '../i18n';
import { fetchKpis, formatKpi, goodNews, type KpiReport } from '../kpis';
import { useRange } from '../range';
import { CARD_KPIS, cardsKey, fetchCards, take } from '../prefetch';
import { useWorkspace } from '../session';
import { useLoad } from '../useLoad';

const CARDS = CARD_KPIS;

function Card({ name, report, lang }: { name: string; report: KpiReport; lang: Lang }) {
  const { t } = useTranslation();
  const value = report.totals[name] ?? null;
  const rel = report.comparison?.change[name]?.relative ?? null;
  const good = goodNews(name, rel);
  return (
    <div className="kpi" data-testid={`kpi-${name}`}>
      <div className="label" title={t(`kpiHelp.${name}`)}>
        {t(`kpi.${name}`)}
      </div>
      <div className="value">{formatKpi(lang, name, value, report.currency)}</div>
      <div className={`delta ${good === null ? '' : good ? 'up' : 'down'}`}>
        {rel === null ? (
          <span className="muted">{t('overview.noComparison')}</span>
        ) : (
          <>
            <span aria-hidden="true">{rel > 0 ? '▲' : rel < 0 ? '▼' : '■'}</span> {pct(lang, rel, 1)}{' '}
            <span className="muted">{t('overview.vsPrevious')}</span>
          </>
        )}
      </div>
    </div>
  );
}

export default function Overview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const { from, to } = useRange();
  const grain = daysBetween(from, to) > 92 ? 'week' : 'day';
  const totals = useLoad(
    () => take(cardsKey(ws?.id ?? '', from, to), () => fetchCards(from, to)),
    [ws?.id, from, to],
  );
  // The cards first: the three reports would otherwise share the engine and all arrive late.
  const cardsDone = !totals.loading;
  const trend = useLoad(
    () => fetchKpis(api, { from, to, grain, metrics: 'cost,revenue,conversions' }),
    [ws?.id, from, to, grain],
    cardsDone,
  );
  const channels = useLoad(
    () => fetchKpis(api, { from, to, by: 'channel', metrics: 'cost,revenue,roas,conversions,cpa' }),
    [ws?.id, from, to],
    cardsDone,
  );

  const currency = totals.data?.currency ?? ws?.base_currency ?? 'EUR';
  const trendOption = useMemo(() => {
    const rows = trend.data?.rows ?? [];
    const axisMoney = (v: number) => money(lang, v, currency, 0);
    return {
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(lang, v, currency) },
      legend: { data: [t('kpi.cost'), t('kpi.revenue')], top: 0 },
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => date(lang, String(r.period))) },
      yAxis: { type: 'value', axisLabel: { formatter: axisMoney } },
      series: [
        {
          name: t('kpi.cost'),
          type: 'line',
          data: rows.map((r) => r.cost),
          showSymbol: false,
          color: '#b45309',
        },
        {
          name: t('kpi.revenue'),
          type: 'line',
          data: rows.map((r) => r.revenue),
          showSymbol: false,
          color: '#155e4b',
        },
      ],
    };
  }, [trend.data, lang, currency, t]);

  const channelRows = useMemo(
    () =>
      [...(channels.data?.rows ?? [])]
        .filter((r) => (Number(r.cost) || 0) > 0 || (Number(r.revenue) || 0) > 0)
        .sort((a, b) => (Number(b.revenue) || 0) - (Number(a.revenue) || 0)),
    [channels.data],
  );
  const channelName = (c: unknown) => t(`channel.${String(c)}`, { defaultValue: String(c) });
  const channelOption = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(lang, v, currency) },
      legend: { data: [t('kpi.cost'), t('kpi.revenue')], top: 0 },
      grid: { left: 120, right: 20, top: 36, bottom: 30 },
      yAxis: { type: 'category', inverse: true, data: channelRows.map((r) => channelName(r.channel)) },
      xAxis: {
        type: 'value',
        // On a phone the amounts would run into each other: ECharts drops those that would overlap.
        axisLabel: { formatter: (v: number) => money(lang, v, currency, 0), hideOverlap: true },
      },
      series: [
        { name: t('kpi.cost'), type: 'bar', data: channelRows.map((r) => r.cost), color: '#b45309' },
        { name: t('kpi.revenue'), type: 'bar', data: channelRows.map((r) => r.revenue), color: '#155e4b' },
      ],
    }),
    [channelRows, lang, currency, t],
  );

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('nav.overview')}</h1>
        <DateRange />
      </div>
      {totals.loading && !totals.data ? (
        <Loading />
      ) : totals.error ? (
        <ErrorNote error={totals.error} onRetry={totals.reload} />
      ) : totals.data ? (
        <div className="kpis">
          {CARDS.map((name) => (
            <Card key={name} name={name} report={totals.data as KpiReport} lang={lang} />
          ))}
        </div>
      ) : null}
      <section className="card" aria-labelledby="trend-title">
        <h2 id="trend-title">{t('overview.trend')}</h2>
        <Loaded load={trend} empty={(loaded) => !loaded.rows.length} emptyText={t('overview.noData')}>
          {() => <Chart option={trendOption} label={t('overview.trendLabel')} />}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="channels-title">
        <h2 id="channels-title">{t('overview.byChannel')}</h2>
        <Loaded load={channels} empty={() => !channelRows.length} emptyText={t('overview.noData')}>
          {() => (
            <>
              <Chart
                option={channelOption}
                label={t('overview.byChannelLabel')}
                height={Math.max(220, channelRows.length * 42)}
              />
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('kpi.channel')}</th>
                      {['cost', 'revenue', 'roas', 'conversions', 'cpa'].map((k) => (
                        <th key={k} scope="col" className="num">
                          {t(`kpi.${k}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {channelRows.map((r) => (
                      <tr key={String(r.channel)}>
                        <td>{channelName(r.channel)}</td>
                        {['cost', 'revenue', 'roas', 'conversions', 'cpa'].map((k) => (
                          <td key={k} className="num">
                            {formatKpi(lang, k, r[k], currency)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Loaded>
      </section>
    </div>
  );
}
