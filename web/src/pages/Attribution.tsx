import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, type ApiError } from '../api';
import {
  ATTRIBUTION_BY,
  ATTRIBUTION_METRICS,
  ATTRIBUTION_MODELS,
  attributionMatrix,
  cell,
  parseModels,
  sortMatrix,
  type AttributionMetric,
  type AttributionModel,
  type AttributionReport,
} from '../attribution';
import { Chart } from '../components/Chart';
import { DateRange } from '../components/DateRange';
import { ErrorNote, Loaded } from '../components/States';
import { money, num, pct, ratio } from '../format';
import type { Lang } from '../i18n';
import { useParam, useRange } from '../range';
import { useWorkspace } from '../session';
import { useLoad } from '../useLoad';
import AttributionPaths from './AttributionPaths';

/** One colour per model, the same in the chart and in the table's legend. */
const MODEL_COLOUR: Record<AttributionModel, string> = {
  last_click: '#155e4b',
  last_non_direct: '#2f8f73',
  first_click: '#b45309',
  linear: '#6b7280',
  time_decay: '#7c3aed',
  position_based: '#0369a1',
  markov: '#be123c',
  shapley: '#a16207',
};
/** Beyond this many labels (campaigns, sources) the chart shows the largest and says so. */
const CHART_LABELS = 12;

export default function Attribution() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const { from, to } = useRange();
  const [byQ, setBy] = useParam('by', 'channel');
  const by = (ATTRIBUTION_BY as readonly string[]).includes(byQ) ? byQ : 'channel';
  const [modelsQ, setModelsQ] = useParam('models', '');
  const models = parseModels(modelsQ);
  const [metricQ, setMetric] = useParam('metric', 'conversions');
  const metric = (
    (ATTRIBUTION_METRICS as readonly string[]).includes(metricQ) ? metricQ : 'conversions'
  ) as AttributionMetric;
  const [sort, setSort] = useParam('sort', '');
  const [dir, setDir] = useParam('dir', 'desc');
  const [collapseQ, setCollapse] = useParam('collapse', '');
  const collapse = collapseQ === 'true' ? 'true' : 'false';
  const [exporting, setExporting] = useState<{ busy: boolean; error: ApiError | null }>({
    busy: false,
    error: null,
  });

  const modelKey = models.join(',');
  const report = useLoad(
    () =>
      api<AttributionReport>(
        'GET',
        `/v1/attribution?${new URLSearchParams({ from, to, by, model: modelKey, collapse })}`,
      ),
    [ws?.id, from, to, by, modelKey, collapse],
  );
  /** The per-conversion credit of the shown models (stored paths: repeats are never collapsed). */
  async function downloadCredit() {
    setExporting({ busy: true, error: null });
    try {
      const q = new URLSearchParams({ from, to, by, model: modelKey, format: 'csv' });
      await download(`/v1/export/credit?${q}`, `rendement-credit-${from}-${to}.csv`);
      setExporting({ busy: false, error: null });
    } catch (e) {
      setExporting({ busy: false, error: e as ApiError });
    }
  }
  const currency = report.data?.currency ?? ws?.base_currency ?? 'EUR';
  const label = (v: string) => (by === 'channel' ? t(`channel.${v}`, { defaultValue: v }) : v);
  const modelName = (m: string) => t(`model.${m}`);

  /** Credited conversions are fractional under every model but the single-touch ones: one decimal. */
  const fmt = (m: AttributionMetric | 'cost', v: number | null | undefined): string => {
    switch (m) {
      case 'conversions':
        return num(lang, v, 1);
      case 'value':
      case 'cost':
      case 'cpa':
        return money(lang, v, currency);
      case 'roas':
        return ratio(lang, v);
      case 'share':
        return pct(lang, v, 1);
    }
  };

  // Models the server answered for (an asked model it cannot fit is simply absent).
  const shown = useMemo(
    () => models.filter((m) => report.data?.models[m] !== undefined),
    [report.data, modelKey],
  );
  const sortKey =
    sort === 'label' || sort === 'cost' || shown.includes(sort as AttributionModel)
      ? sort
      : (shown[0] ?? 'label');
  const matrix = useMemo(
    () => (report.data ? attributionMatrix(report.data, shown) : []),
    [report.data, shown],
  );
  const rows = useMemo(
    () => sortMatrix(matrix, sortKey, dir === 'asc' ? 'asc' : 'desc', metric),
    [matrix, sortKey, dir, metric],
  );
  function sortBy(col: string) {
    if (sortKey === col) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSort(col);
      setDir(col === 'label' ? 'asc' : 'desc');
    }
  }
  const ariaSort = (col: string) => (sortKey === col ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
  const arrow = (col: string) => (sortKey === col ? (dir === 'asc' ? ' ▲' : ' ▼') : '');

  function toggleModel(m: AttributionModel) {
    const next = models.includes(m) ? models.filter((x) => x !== m) : [...models, m];
    if (!next.length) return; // at least one model: an empty chart answers nothing
    const ordered = ATTRIBUTION_MODELS.filter((x) => next.includes(x));
    setModelsQ(ordered.length === ATTRIBUTION_MODELS.length ? '' : ordered.join(','));
  }

  // The chart: the labels with the most credit under any shown model (of the chosen metric, or
  // of conversions for ratios, whose largest values are often the smallest channels).
  const chartRows = useMemo(() => {
    const weight = (r: (typeof matrix)[number]) =>
      Math.max(0, ...shown.map((m) => cell(r, m, metric === 'value' ? 'value' : 'conversions') ?? 0));
    return [...matrix].sort((a, b) => weight(b) - weight(a)).slice(0, CHART_LABELS);
  }, [matrix, shown, metric]);
  const modelsOption = useMemo(
    () => ({
      // On a phone eight models' legend would take most of the chart: one line that pages instead.
      media: [
        {
          query: { maxWidth: 600 },
          option: {
            legend: { type: 'scroll', top: 0 },
            grid: { top: 36, bottom: 90 },
            xAxis: { axisLabel: { rotate: 60, width: 90 } },
          },
        },
      ],
      baseOption: {
        animation: false,
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: number | null) => fmt(metric, v),
        },
        legend: { data: shown.map(modelName), top: 0 },
        grid: { left: 70, right: 20, top: shown.length > 4 ? 56 : 36, bottom: 70 },
        xAxis: {
          type: 'category',
          data: chartRows.map((r) => label(r.label)),
          axisLabel: { interval: 0, rotate: chartRows.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' },
        },
        yAxis: {
          type: 'value',
          axisLabel: {
            formatter: (v: number) =>
              metric === 'value' || metric === 'cpa'
                ? money(lang, v, currency, 0)
                : metric === 'share'
                  ? pct(lang, v, 0)
                  : num(lang, v, 0),
          },
        },
        series: shown.map((m) => ({
          name: modelName(m),
          type: 'bar',
          color: MODEL_COLOUR[m],
          data: chartRows.map((r) => cell(r, m, metric)),
        })),
      },
    }),
    [chartRows, shown, metric, lang, currency, t, by],
  );

  const byName = t(`attribution.by.${by}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('nav.attribution')}</h1>
        <DateRange />
      </div>
      <div className="card toolbar">
        <label>
          {t('attribution.byLabel')}
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            {ATTRIBUTION_BY.map((b) => (
              <option key={b} value={b}>
                {t(`attribution.by.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('attribution.metricLabel')}
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            {ATTRIBUTION_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`attribution.metric.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="models">
          <legend>{t('attribution.models')}</legend>
          {ATTRIBUTION_MODELS.map((m) => (
            <label key={m} className="check model-pick">
              <input
                type="checkbox"
                checked={models.includes(m)}
                disabled={models.length === 1 && models.includes(m)}
                onChange={() => toggleModel(m)}
              />
              <span className="swatch" style={{ background: MODEL_COLOUR[m] }} aria-hidden="true" />
              <span title={t(`modelHelp.${m}`)}>{modelName(m)}</span>
            </label>
          ))}
        </fieldset>
        <label className="check" title={t('attribution.collapseHelp')}>
          <input
            type="checkbox"
            checked={collapse === 'true'}
            onChange={(e) => setCollapse(e.target.checked ? 'true' : '')}
          />
          {t('attribution.collapse')}
        </label>
        <button
          type="button"
          className="secondary"
          title={t('attribution.downloadHelp')}
          disabled={exporting.busy}
          onClick={() => void downloadCredit()}
        >
          {exporting.busy ? t('attribution.downloading') : t('attribution.download')}
        </button>
        {exporting.error && <ErrorNote error={exporting.error} />}
      </div>

      <section className="card" aria-labelledby="models-title">
        <h2 id="models-title">{t('attribution.sideBySide')}</h2>
        <Loaded load={report} empty={() => !rows.length} emptyText={t('attribution.noData')}>
          {(loaded) => (
            <>
              <p className="muted small" data-testid="attribution-totals">
                {t('attribution.totals', {
                  conversions: num(lang, loaded.conversions, 0),
                  value: money(lang, loaded.value, currency),
                })}
                {matrix.length > CHART_LABELS &&
                  ' ' + t('attribution.chartTop', { n: CHART_LABELS, total: matrix.length, by: byName })}
              </p>
              <Chart
                option={modelsOption}
                label={t('attribution.chartLabel', { metric: t(`attribution.metric.${metric}`), by: byName })}
                height={340}
              />
              <div className="table-wrap">
                <table data-testid="attribution-table" className="wrap-head">
                  <caption className="sr-only">
                    {t('attribution.tableCaption', { metric: t(`attribution.metric.${metric}`), by: byName })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" aria-sort={ariaSort('label')}>
                        <button type="button" className="sort" onClick={() => sortBy('label')}>
                          {byName}
                          {arrow('label')}
                        </button>
                      </th>
                      <th scope="col" className="num" aria-sort={ariaSort('cost')}>
                        <button type="button" className="sort" onClick={() => sortBy('cost')}>
                          {t('kpi.cost')}
                          {arrow('cost')}
                        </button>
                      </th>
                      {shown.map((m) => (
                        <th
                          key={m}
                          scope="col"
                          className="num"
                          aria-sort={ariaSort(m)}
                          style={{ borderBottom: `3px solid ${MODEL_COLOUR[m]}` }}
                        >
                          <button
                            type="button"
                            className="sort"
                            onClick={() => sortBy(m)}
                            title={t(`modelHelp.${m}`)}
                          >
                            {modelName(m)}
                            {arrow(m)}
                          </button>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.label}>
                        <th scope="row">{label(r.label)}</th>
                        <td className="num">{fmt('cost', r.cost)}</td>
                        {shown.map((m) => {
                          const c = r.byModel[m];
                          return (
                            <td
                              key={m}
                              className="num"
                              title={
                                c
                                  ? `${t('attribution.metric.conversions')}: ${fmt('conversions', c.conversions)} · ${t('attribution.metric.value')}: ${fmt('value', c.value)} · CPA: ${fmt('cpa', c.cpa)} · ROAS: ${fmt('roas', c.roas)}`
                                  : undefined
                              }
                            >
                              {fmt(metric, cell(r, m, metric))}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shown.includes('markov') && loaded.models.markov?.order !== undefined && (
                <p className="muted small">
                  {t('attribution.markovNote', { order: loaded.models.markov.order })}
                </p>
              )}
            </>
          )}
        </Loaded>
      </section>

      <AttributionPaths from={from} to={to} by={by} collapse={collapse} currency={currency} label={label} />
    </div>
  );
}
