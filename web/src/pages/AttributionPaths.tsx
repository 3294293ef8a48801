import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { TIME_BUCKET_KEYS, type PathsReport } from '../attribution';
import { Chart } from '../components/Chart';
import { Empty, Loaded } from '../components/States';
import { money, num, pct } from '../format';
import type { Lang } from '../i18n';
import { useParam } from '../range';
import { useWorkspace } from '../session';
import { useLoad } from '../useLoad';

/**
 * The Attribution page's paths: top conversion paths, path-length and time-to-conversion
 * distributions, assisted vs last-click conversions per label (`GET /v1/attribution/paths`).
 */
export default function AttributionPaths({
  from,
  to,
  by,
  collapse,
  currency,
  label,
}: {
  from: string;
  to: string;
  by: string;
  collapse: string;
  currency: string;
  /** A label as shown (channels translated). */
  label: (v: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const byName = t(`attribution.by.${by}`);
  const [limitQ, setLimit] = useParam('limit', '10');
  const limit = ['10', '25', '50'].includes(limitQ) ? limitQ : '10';
  const paths = useLoad(
    () =>
      api<PathsReport>(
        'GET',
        `/v1/attribution/paths?${new URLSearchParams({ from, to, by, limit, collapse })}`,
      ),
    [ws?.id, from, to, by, limit, collapse],
  );

  const pathsData = paths.data;
  const distOption = (rows: Array<{ bucket: string; conversions: number }>, name: (b: string) => string) => ({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => num(lang, v, 0) },
    grid: { left: 56, right: 12, top: 12, bottom: 48 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => name(r.bucket)),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => num(lang, v, 0) } },
    series: [
      { name: t('kpi.conversions'), type: 'bar', color: '#155e4b', data: rows.map((r) => r.conversions) },
    ],
  });
  const lengthOption = useMemo(
    () => distOption(pathsData?.path_length ?? [], (b) => (b === '0' ? t('attribution.noTouch') : b)),
    [pathsData, lang, t],
  );
  const lagOption = useMemo(
    () =>
      distOption(
        (pathsData?.time_to_conversion ?? []).filter(
          (r) => r.bucket !== 'no touchpoint' || r.conversions > 0,
        ),
        (b) => (TIME_BUCKET_KEYS[b] ? t(`attribution.lag.${TIME_BUCKET_KEYS[b]}`) : b),
      ),
    [pathsData, lang, t],
  );
  const assisted = useMemo(
    () =>
      [...(pathsData?.assisted ?? [])].sort(
        (a, b) => b.assisted + b.last_click - (a.assisted + a.last_click),
      ),
    [pathsData],
  );
  const assistOption = useMemo(
    () => ({
      animation: false,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => num(lang, v, 0),
      },
      legend: { data: [t('attribution.lastClickConv'), t('attribution.assistedConv')], top: 0 },
      grid: { left: 130, right: 20, top: 30, bottom: 24 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: assisted.map((r) => label(r.channel)),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => num(lang, v, 0), hideOverlap: true } },
      series: [
        {
          name: t('attribution.lastClickConv'),
          type: 'bar',
          color: '#155e4b',
          data: assisted.map((r) => r.last_click),
        },
        {
          name: t('attribution.assistedConv'),
          type: 'bar',
          color: '#b45309',
          data: assisted.map((r) => r.assisted),
        },
      ],
    }),
    [assisted, lang, t, by],
  );

  return (
    <>
      <section className="card" aria-labelledby="paths-title">
        <div className="section-head">
          <h2 id="paths-title">{t('attribution.topPaths')}</h2>
          <label className="inline">
            {t('attribution.show')}
            <select value={limit} onChange={(e) => setLimit(e.target.value)}>
              {['10', '25', '50'].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Loaded
          load={paths}
          empty={(loaded) => !loaded.top_paths.length}
          emptyText={t('attribution.noPaths')}
        >
          {(loaded) => (
            <ol className="paths" data-testid="top-paths">
              {loaded.top_paths.map((p, i) => (
                <li key={i} className="path-row">
                  <span className="path">
                    {p.path.length === 0 ? (
                      <span className="chip none">{t('attribution.noTouch')}</span>
                    ) : (
                      // Screen readers get the path as one phrase; the chips and arrows are for the eye
                      // (aria-label on a plain span is not allowed, and some readers ignore it).
                      <span className="sr-only">{p.path.map(label).join(' → ')}</span>
                    )}
                    {p.path.length > 0 &&
                      p.path.map((step, j) => (
                        <Fragment key={j}>
                          {j > 0 && (
                            <span className="arrow" aria-hidden="true">
                              →
                            </span>
                          )}
                          <span className="chip" aria-hidden="true">
                            {label(step)}
                          </span>
                        </Fragment>
                      ))}
                  </span>
                  <span className="path-figures">
                    <span>
                      <strong>{num(lang, p.conversions, 0)}</strong> {t('attribution.conv')}
                    </span>
                    <span>{money(lang, p.value, currency)}</span>
                    <span title={t('attribution.crHelp', { nulls: num(lang, p.nulls, 0) })}>
                      {pct(lang, p.conversion_rate, 1)} {t('attribution.cr')}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Loaded>
      </section>

      {pathsData && (
        <>
          <div className="two">
            <section className="card" aria-labelledby="length-title">
              <h2 id="length-title">{t('attribution.pathLength')}</h2>
              {pathsData.path_length.some((r) => r.conversions > 0) ? (
                <Chart option={lengthOption} label={t('attribution.pathLengthLabel')} height={220} />
              ) : (
                <Empty>{t('attribution.noPaths')}</Empty>
              )}
            </section>
            <section className="card" aria-labelledby="lag-title">
              <h2 id="lag-title">{t('attribution.timeToConversion')}</h2>
              {pathsData.time_to_conversion.some((r) => r.conversions > 0) ? (
                <Chart option={lagOption} label={t('attribution.timeToConversionLabel')} height={220} />
              ) : (
                <Empty>{t('attribution.noPaths')}</Empty>
              )}
            </section>
          </div>
          <section className="card" aria-labelledby="assist-title">
            <h2 id="assist-title">{t('attribution.assisted')}</h2>
            <p className="muted small">{t('attribution.assistedIntro')}</p>
            {!assisted.length ? (
              <Empty>{t('attribution.noPaths')}</Empty>
            ) : (
              <div className="two">
                <Chart
                  option={assistOption}
                  label={t('attribution.assistedLabel')}
                  height={Math.max(200, assisted.length * 34 + 50)}
                />
                <div className="table-wrap">
                  <table data-testid="assisted-table" className="wrap-head">
                    <thead>
                      <tr>
                        <th scope="col">{byName}</th>
                        <th scope="col" className="num" title={t('attribution.lastClickConv')}>
                          {t('attribution.colLastClick')}
                        </th>
                        <th scope="col" className="num" title={t('attribution.assistedConv')}>
                          {t('attribution.colAssisted')}
                        </th>
                        <th scope="col" className="num" title={t('attribution.assistRatioHelp')}>
                          {t('attribution.colRatio')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {assisted.map((r) => (
                        <tr key={r.channel}>
                          <th scope="row">{label(r.channel)}</th>
                          <td className="num">{num(lang, r.last_click, 0)}</td>
                          <td className="num">{num(lang, r.assisted, 0)}</td>
                          <td className="num">{num(lang, r.assist_ratio, 2)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
