import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { DateRange } from '../components/DateRange';
import { Loaded } from '../components/States';
import { pct } from '../format';
import type { Lang } from '../i18n';
import { fetchKpis, formatKpi, goodNews, MODELS } from '../kpis';
import { useParam, useRange } from '../range';
import { useWorkspace } from '../session';
import { useLoad } from '../useLoad';

const COLUMNS = [
  'cost',
  'impressions',
  'clicks',
  'ctr',
  'cpc',
  'visits',
  'conversions',
  'cvr',
  'cpa',
  'revenue',
  'roas',
];

/** RFC 4180 CSV with plain numbers (a spreadsheet in any locale reads them), named after the view. */
function toCsv(dim: string, rows: Array<Record<string, unknown>>): string {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [
    [dim, ...COLUMNS].join(','),
    ...rows.map((r) => [r[dim], ...COLUMNS.map((c) => r[c])].map(esc).join(',')),
  ].join('\r\n');
}

export default function Channels() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const { from, to } = useRange();
  const [channel, setChannel] = useParam('channel');
  const [campaign, setCampaign] = useParam('campaign');
  const [sort, setSort] = useParam('sort', 'cost');
  const [dir, setDir] = useParam('dir', 'desc');
  const [q, setQ] = useParam('q');
  const [compare, setCompare] = useParam('compare', 'previous');
  const [model, setModel] = useParam('model', 'last_non_direct');

  const dim = campaign ? 'ad' : channel ? 'campaign' : 'channel';
  const filter = [channel && `channel:${channel}`, campaign && `campaign:${campaign}`].filter(
    Boolean,
  ) as string[];
  const report = useLoad(
    () =>
      fetchKpis(api, {
        from,
        to,
        by: dim,
        metrics: COLUMNS.join(','),
        compare: compare === 'none' ? undefined : compare,
        model,
        filter,
      }),
    [ws?.id, from, to, dim, channel, campaign, compare, model],
  );
  const currency = report.data?.currency ?? ws?.base_currency ?? 'EUR';
  const label = (v: unknown) =>
    dim === 'channel' ? t(`channel.${String(v)}`, { defaultValue: String(v) }) : String(v);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = (report.data?.rows ?? []).filter(
      (r) => !needle || String(r[dim]).toLowerCase().includes(needle),
    );
    const sign = dir === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => {
      if (sort === dim) return sign * String(a[dim]).localeCompare(String(b[dim]));
      const x = typeof a[sort] === 'number' ? (a[sort] as number) : -Infinity;
      const y = typeof b[sort] === 'number' ? (b[sort] as number) : -Infinity;
      return sign * (x - y);
    });
  }, [report.data, q, sort, dir, dim]);

  function sortBy(col: string) {
    if (sort === col) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSort(col);
      setDir(col === dim ? 'asc' : 'desc');
    }
  }
  function download() {
    const blob = new Blob([toCsv(dim, rows)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `rendement-${dim}-${from}-${to}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  }
  const ariaSort = (col: string) => (sort === col ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('nav.channels')}</h1>
        <DateRange />
      </div>
      <div className="card toolbar">
        <nav aria-label={t('channels.level')} className="crumbs">
          <button
            type="button"
            className="link"
            onClick={() => (setCampaign(''), setChannel(''))}
            disabled={dim === 'channel'}
          >
            {t('channels.all')}
          </button>
          {channel && (
            <>
              {' › '}
              <button
                type="button"
                className="link"
                onClick={() => setCampaign('')}
                disabled={dim === 'campaign'}
              >
                {label(channel)}
              </button>
            </>
          )}
          {campaign && <> › {campaign}</>}
        </nav>
        <label>
          {t('channels.search')}
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t(`channels.searchPlaceholder.${dim}`)}
          />
        </label>
        <label>
          {t('channels.compare')}
          <select value={compare} onChange={(e) => setCompare(e.target.value)}>
            <option value="previous">{t('channels.comparePrevious')}</option>
            <option value="last_year">{t('channels.compareLastYear')}</option>
            <option value="none">{t('channels.compareNone')}</option>
          </select>
        </label>
        <label>
          {t('channels.model')}
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            {MODELS.map((m) => (
              <option key={m} value={m}>
                {t(`model.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={download} disabled={!rows.length}>
          {t('channels.csv')}
        </button>
      </div>
      <section className="card">
        <Loaded load={report} empty={() => !rows.length} emptyText={t('overview.noData')}>
          {() => (
            <div className="table-wrap">
              <table data-testid="kpi-table">
                <thead>
                  <tr>
                    <th scope="col" aria-sort={ariaSort(dim)}>
                      <button type="button" className="sort" onClick={() => sortBy(dim)}>
                        {t(`kpi.${dim}`)} {sort === dim ? (dir === 'asc' ? '▲' : '▼') : ''}
                      </button>
                    </th>
                    {COLUMNS.map((c) => (
                      <th key={c} scope="col" className="num" aria-sort={ariaSort(c)}>
                        <button
                          type="button"
                          className="sort"
                          onClick={() => sortBy(c)}
                          title={t(`kpiHelp.${c}`)}
                        >
                          {t(`kpi.${c}`)} {sort === c ? (dir === 'asc' ? '▲' : '▼') : ''}
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const change = r.change as Record<string, { relative: number | null }> | undefined;
                    return (
                      <tr key={String(r[dim])}>
                        <th scope="row">
                          {dim === 'ad' ? (
                            label(r[dim])
                          ) : (
                            <button
                              type="button"
                              className="link"
                              onClick={() =>
                                dim === 'channel' ? setChannel(String(r[dim])) : setCampaign(String(r[dim]))
                              }
                            >
                              {label(r[dim])}
                            </button>
                          )}
                        </th>
                        {COLUMNS.map((c) => {
                          const rel = change?.[c]?.relative ?? null;
                          const good = goodNews(c, rel);
                          return (
                            <td key={c} className="num">
                              {formatKpi(lang, c, r[c], currency)}
                              {rel !== null && (
                                <div className={`delta ${good === null ? '' : good ? 'up' : 'down'}`}>
                                  {pct(lang, rel, 0)}
                                </div>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
    </div>
  );
}
