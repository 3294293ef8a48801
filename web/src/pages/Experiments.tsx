import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Empty, ErrorNote, Loaded, Loading } from '../components/States';
import {
  experimentMetrics,
  intervalBox,
  isMoneyMetric,
  type Experiment,
  type ExperimentMetric,
  type ExperimentPlan,
  type ExperimentResults,
} from '../experiments';
import { date, money, num, pct } from '../format';
import type { Lang } from '../i18n';
import { useParam } from '../range';
import { useWorkspace } from '../session';
import { useLoad } from '../useLoad';

const BAR_W = 160;

/** A relative-lift interval as a bar around zero: green above, red below, grey when it straddles 0. */
function LiftBar({ ci, range, label }: { ci: [number, number] | null; range: number; label: string }) {
  const box = intervalBox(ci, range, BAR_W);
  if (!box || !ci) return null;
  const cls = ci[0] > 0 ? 'up' : ci[1] < 0 ? 'down' : 'flat';
  return (
    <svg width={BAR_W} height={14} className={`liftbar ${cls}`} role="img" aria-label={label}>
      <line x1={BAR_W / 2} x2={BAR_W / 2} y1={0} y2={14} className="zero" />
      <rect x={box.x} y={4} width={box.w} height={6} rx={2} />
    </svg>
  );
}

function MetricTable({
  results,
  metric,
  role,
}: {
  results: ExperimentResults;
  metric: ExperimentMetric;
  role: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const value = (v: number | null) =>
    isMoneyMetric(metric) ? money(lang, v, results.currency) : pct(lang, v, 2);
  const interval = (ci: [number, number] | null, f: (v: number | null) => string) =>
    ci ? `${f(ci[0])} – ${f(ci[1])}` : '–';
  const rows = results.variants.map((v) => ({ v, m: v.metrics[metric] }));
  const range = Math.max(
    0,
    ...rows.flatMap(({ m }) => (m?.rel_lift_ci ? m.rel_lift_ci.map((x) => Math.abs(x)) : [])),
  );
  return (
    <div className="table-wrap">
      <h3>
        {t(`experiments.metric.${metric}`)}{' '}
        <span className="muted small">({t(`experiments.role.${role}`)})</span>
      </h3>
      <table className="wrap-head" data-testid={`results-${metric}`}>
        <thead>
          <tr>
            <th scope="col">{t('experiments.variant')}</th>
            <th scope="col" className="num">
              {t('experiments.units')}
            </th>
            <th scope="col" className="num">
              {t(`experiments.metric.${metric}`)}
            </th>
            <th scope="col" className="num">
              {t('experiments.ci')}
            </th>
            <th scope="col" className="num">
              {t('experiments.relLift')}
            </th>
            <th scope="col">{t('experiments.relLiftCi')}</th>
            <th scope="col" className="num" title={t('experiments.pHelp')}>
              {t('experiments.p')}
            </th>
            <th scope="col" className="num" title={t('experiments.beatHelp')}>
              {t('experiments.beat')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ v, m }) => (
            <tr key={v.variant}>
              <th scope="row">
                {v.variant}
                {v.control && v.variant.toLowerCase() !== 'control' && (
                  <span className="muted small"> · {t('experiments.control')}</span>
                )}
              </th>
              <td className="num">{num(lang, v.units, 0)}</td>
              <td className="num">{value(m?.value ?? null)}</td>
              <td className="num">{interval(m?.ci ?? null, value)}</td>
              <td
                className={`num ${m?.significant ? ((m.rel_lift ?? 0) > 0 ? 'delta up' : 'delta down') : ''}`}
              >
                {v.control ? '–' : pct(lang, m?.rel_lift ?? null, 1)}
              </td>
              <td>
                {!v.control && m?.rel_lift_ci && (
                  <span className="lift-ci">
                    <LiftBar
                      ci={m.rel_lift_ci}
                      range={range}
                      label={interval(m.rel_lift_ci, (x) => pct(lang, x, 1))}
                    />
                    <span className="small">{interval(m.rel_lift_ci, (x) => pct(lang, x, 1))}</span>
                  </span>
                )}
              </td>
              <td className="num">{v.control ? '–' : num(lang, m?.p_adjusted ?? m?.p_value ?? null, 3)}</td>
              <td className="num">{v.control ? '–' : pct(lang, m?.chance_to_beat_control ?? null, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Results({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const res = useLoad(
    // Verdicts in the language on screen (with the workspace's region when it speaks the same).
    () =>
      api<ExperimentResults>(
        'GET',
        `/v1/experiments/${encodeURIComponent(id)}/results?locale=${encodeURIComponent(
          ws?.locale?.slice(0, 2) === lang ? ws.locale : lang,
        )}`,
      ),
    [ws?.id, id, lang],
  );
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorNote error={res.error} onRetry={res.reload} />;
  const r = res.data;
  if (!r) return null;
  const exp = r.experiment;
  const units = r.variants.reduce((s, v) => s + v.units, 0);
  const roles = new Map((r.metrics ?? []).map((m) => [m.name, m.role]));
  const analysed = experimentMetrics(exp).filter(
    (m) => r.variants.some((v) => v.metrics[m]) && !(r.skipped_metrics ?? []).some((s) => s.name === m),
  );
  return (
    <section className="card" aria-labelledby="results-title" data-testid="experiment-results">
      <h2 id="results-title">{exp.name}</h2>
      {exp.hypothesis && <p className="muted">{exp.hypothesis}</p>}
      <p className="small muted">
        {t('experiments.window', {
          from: date(lang, exp.from),
          to: exp.to ? date(lang, exp.to) : t('experiments.open'),
        })}{' '}
        · {t('experiments.alphaLine', { alpha: num(lang, r.alpha, 2), correction: r.correction })}
        {r.cuped?.applied && <> · {t('experiments.cuped', { days: r.cuped.pre_days })}</>}
      </p>
      {r.srm.mismatch && (
        <p className="error" role="alert">
          {t('experiments.srm', { p: num(lang, r.srm.p_value, 4) })}
        </p>
      )}
      {units === 0 ? (
        <Empty>{t('experiments.noUnits', { key: exp.key })}</Empty>
      ) : (
        <>
          <div className="verdicts" data-testid="verdicts">
            <h3>
              {t('experiments.verdict')}{' '}
              {r.locale.slice(0, 2) !== lang && (
                <span className="muted small">({t('experiments.verdictLang')})</span>
              )}
            </h3>
            {r.verdicts.length ? (
              <ul>
                {r.verdicts.map((v, i) => (
                  <li key={i} lang={r.locale.slice(0, 2)}>
                    {v}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('experiments.noVerdict')}</p>
            )}
          </div>
          {analysed.map((m) => (
            <MetricTable key={m} results={r} metric={m} role={roles.get(m) ?? 'primary'} />
          ))}
        </>
      )}
      {(r.skipped_metrics ?? []).length > 0 && (
        <p className="small muted">
          {t('experiments.skipped')}{' '}
          {(r.skipped_metrics ?? [])
            .map((s) => `${t(`experiments.metric.${s.name}`)} (${s.reason})`)
            .join('; ')}
        </p>
      )}
    </section>
  );
}

function Planner() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [baseline, setBaseline] = useState('3');
  const [mde, setMde] = useState('10');
  const [variants, setVariants] = useState('2');
  const [alpha, setAlpha] = useState('0.05');
  const [power, setPower] = useState('0.8');
  const [traffic, setTraffic] = useState('');
  const [plan, setPlan] = useState<ExperimentPlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // The form speaks percentages; the API takes fractions (baseline 3 % → 0.03, MDE 10 % → 0.1).
    const q = new URLSearchParams({
      baseline: String(Number(baseline.replace(',', '.')) / 100),
      mde: String(Number(mde.replace(',', '.')) / 100),
      variants,
      alpha: alpha.replace(',', '.'),
      power: power.replace(',', '.'),
    });
    if (traffic.trim()) q.set('daily_traffic', traffic.trim());
    try {
      setPlan(await api<ExperimentPlan>('GET', `/v1/experiments/plan?${q}`));
    } catch (err) {
      setPlan(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="plan-title"
      data-testid="planner"
    >
      <h2 id="plan-title">{t('experiments.planner')}</h2>
      <p className="muted small">{t('experiments.plannerIntro')}</p>
      <fieldset disabled={busy} className="grid-form">
        <label>
          {t('experiments.baseline')}
          <input
            inputMode="decimal"
            required
            value={baseline}
            onChange={(e) => setBaseline(e.target.value)}
          />
        </label>
        <label>
          {t('experiments.mde')}
          <input inputMode="decimal" required value={mde} onChange={(e) => setMde(e.target.value)} />
        </label>
        <label>
          {t('experiments.variants')}
          <input
            type="number"
            min={2}
            max={26}
            required
            value={variants}
            onChange={(e) => setVariants(e.target.value)}
          />
        </label>
        <label>
          {t('experiments.alpha')}
          <input inputMode="decimal" required value={alpha} onChange={(e) => setAlpha(e.target.value)} />
        </label>
        <label>
          {t('experiments.power')}
          <input inputMode="decimal" required value={power} onChange={(e) => setPower(e.target.value)} />
        </label>
        <label>
          {t('experiments.traffic')}
          <input
            inputMode="numeric"
            value={traffic}
            placeholder={t('experiments.trafficPlaceholder')}
            onChange={(e) => setTraffic(e.target.value)}
          />
        </label>
        <div className="wide">
          <button type="submit">{t('experiments.plan')}</button>
        </div>
      </fieldset>
      {error !== null && <ErrorNote error={error} />}
      {plan && (
        <div className="plan" data-testid="plan" aria-live="polite">
          <p className="big">
            {t('experiments.perVariant', { n: num(lang, plan.sample_size_per_variant, 0) })}
          </p>
          <p>
            {t('experiments.planLine', {
              total: num(lang, plan.total_sample_size, 0),
              baseline: pct(lang, plan.baseline, 2),
              target: pct(lang, plan.target, 2),
              alpha: num(lang, plan.alpha_per_comparison, 4),
            })}
          </p>
          <p>
            {plan.duration_days === null
              ? t('experiments.noDuration')
              : t(
                  plan.daily_traffic_source === 'given'
                    ? 'experiments.duration'
                    : 'experiments.durationWorkspace',
                  {
                    days: num(lang, plan.duration_days, 0),
                    traffic: num(lang, plan.daily_traffic, 0),
                  },
                )}
          </p>
        </div>
      )}
    </form>
  );
}

export default function Experiments() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const [selected, setSelected] = useParam('exp');
  const list = useLoad(() => api<{ experiments: Experiment[] }>('GET', '/v1/experiments'), [ws?.id]);
  const experiments = useMemo(() => list.data?.experiments ?? [], [list.data]);
  const current = experiments.find((e) => e.id === selected) ?? experiments[0];

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('nav.experiments')}</h1>
      </div>
      <section className="card" aria-labelledby="exp-list-title">
        <h2 id="exp-list-title">{t('experiments.list')}</h2>
        <Loaded load={list} empty={() => !experiments.length} emptyText={t('experiments.empty')}>
          {() => (
            <div className="table-wrap">
              <table data-testid="experiments-table">
                <thead>
                  <tr>
                    <th scope="col">{t('experiments.name')}</th>
                    <th scope="col">{t('experiments.key')}</th>
                    <th scope="col">{t('experiments.status')}</th>
                    <th scope="col">{t('experiments.period')}</th>
                    <th scope="col">{t('experiments.variantsCol')}</th>
                    <th scope="col">{t('experiments.primary')}</th>
                  </tr>
                </thead>
                <tbody>
                  {experiments.map((e) => (
                    <tr key={e.id} aria-current={current?.id === e.id ? 'true' : undefined}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => setSelected(e.id)}>
                          {e.name}
                        </button>
                      </th>
                      <td>
                        <code>{e.key}</code>
                      </td>
                      <td>{t(`experiments.statusName.${e.status}`)}</td>
                      <td>
                        {date(lang, e.from)} – {e.to ? date(lang, e.to) : t('experiments.open')}
                      </td>
                      <td>{e.variants.map((v) => `${v.name} (${pct(lang, v.allocation, 0)})`).join(', ')}</td>
                      <td>{t(`experiments.metric.${e.primary_metric}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      {current && <Results key={current.id} id={current.id} />}
      <Planner />
    </div>
  );
}
