import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorNote, Loaded } from '../components/States';
import { addDays, ymd } from '../dates';
import { date, num, pct } from '../format';
import type { Lang } from '../i18n';
import { formatKpi } from '../kpis';
import { canWrite, useWorkspace } from '../session';
import { useLoad } from '../useLoad';

interface Pacing {
  status: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'missed' | 'not_started';
  actual: number | null;
  elapsed_days: number;
  total_days: number;
  projection_linear: number | null;
  projection_seasonal: number | null;
  seasonal_profile: boolean;
  needed: { remaining_days: number; amount?: number; per_day?: number; current_per_day?: number } | null;
}
interface Goal {
  id: string;
  name: string;
  kpi: string;
  direction: 'at_least' | 'at_most';
  target: number;
  from: string;
  to: string;
  filters: Array<{ dimension: string; values: string[] }>;
  currency: string;
  pacing: Pacing;
}

/** The KPIs a marketer most often sets goals on (the API accepts more). */
const GOAL_KPIS = ['revenue', 'conversions', 'leads', 'orders', 'cost', 'cpa', 'cpl', 'roas', 'mer'];
const CHANNELS = [
  'Paid Search',
  'Paid Social',
  'Paid Video',
  'Display',
  'Affiliate',
  'Influencer',
  'Email',
  'Organic Search',
  'Organic Social',
  'Referral',
  'Direct',
];

function monthBounds(): { from: string; to: string } {
  const now = new Date();
  const from = ymd(new Date(now.getFullYear(), now.getMonth(), 1));
  const to = addDays(ymd(new Date(now.getFullYear(), now.getMonth() + 1, 1)), -1);
  return { from, to };
}

function PacingBar({ goal, lang }: { goal: Goal; lang: Lang }) {
  const { t } = useTranslation();
  const p = goal.pacing;
  const done = p.actual !== null && goal.target > 0 ? Math.min(1, Math.max(0, p.actual / goal.target)) : 0;
  const time = p.total_days > 0 ? Math.min(1, p.elapsed_days / p.total_days) : 0;
  const label = t('goals.barLabel', {
    actual: formatKpi(lang, goal.kpi, p.actual, goal.currency),
    target: formatKpi(lang, goal.kpi, goal.target, goal.currency),
    time: pct(lang, time, 0),
  });
  return (
    <div className="pacing" role="img" aria-label={label} title={label}>
      <div className={`fill ${p.status}`} style={{ width: `${done * 100}%` }} />
      <div className="now" style={{ left: `${time * 100}%` }} />
    </div>
  );
}

function NewGoal({ onCreated, disabled }: { onCreated: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const month = monthBounds();
  const [name, setName] = useState('');
  const [kpi, setKpi] = useState('revenue');
  const [target, setTarget] = useState('');
  const [from, setFrom] = useState(month.from);
  const [to, setTo] = useState(month.to);
  const [channel, setChannel] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/v1/goals', {
        name,
        kpi,
        target: Number(target.replace(',', '.')),
        from,
        to,
        ...(channel ? { filters: [{ dimension: 'channel', values: [channel] }] } : {}),
      });
      setName('');
      setTarget('');
      onCreated();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="newgoal-title">
      <h2 id="newgoal-title">{t('goals.new')}</h2>
      <fieldset disabled={disabled} className="grid-form">
        <label className="wide">
          {t('goals.name')}
          <input
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('goals.namePlaceholder')}
          />
        </label>
        <label>
          {t('goals.kpi')}
          <select value={kpi} onChange={(e) => setKpi(e.target.value)}>
            {GOAL_KPIS.map((k) => (
              <option key={k} value={k}>
                {t(`kpi.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('goals.target')}
          <input required inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <label>
          {t('range.from')}
          <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('range.to')}
          <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('kpi.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t('channels.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`, { defaultValue: c })}
              </option>
            ))}
          </select>
        </label>
        <div className="wide">
          <button type="submit">{t('goals.create')}</button>
        </div>
      </fieldset>
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}

export default function Goals() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const write = canWrite(ws);
  const goals = useLoad(() => api<{ goals: Goal[] }>('GET', '/v1/goals'), [ws?.id]);
  const [error, setError] = useState<unknown>(null);

  async function remove(g: Goal) {
    if (!confirm(t('goals.deleteConfirm', { name: g.name }))) return;
    setError(null);
    try {
      await api('DELETE', `/v1/goals/${encodeURIComponent(g.id)}`);
      goals.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="page">
      <h1>{t('nav.goals')}</h1>
      <section className="card" aria-labelledby="goals-title">
        <h2 id="goals-title" className="sr-only">
          {t('nav.goals')}
        </h2>
        {error !== null && <ErrorNote error={error} />}
        <Loaded load={goals} empty={(loaded) => !loaded.goals.length} emptyText={t('goals.empty')}>
          {(loaded) => (
            <ul className="goals">
              {loaded.goals.map((g) => {
                const p = g.pacing;
                const f = (v: number | null | undefined) => formatKpi(lang, g.kpi, v ?? null, g.currency);
                return (
                  <li key={g.id} className="goal" data-testid="goal">
                    <div className="goal-head">
                      <strong>{g.name}</strong>
                      <span className={`status ${p.status}`}>{t(`goals.status.${p.status}`)}</span>
                    </div>
                    <div className="muted small">
                      {t(`kpi.${g.kpi}`, { defaultValue: g.kpi })} {g.direction === 'at_least' ? '≥' : '≤'}{' '}
                      {f(g.target)} · {date(lang, g.from)} – {date(lang, g.to)}
                      {g.filters.length > 0 &&
                        ` · ${g.filters
                          .map((x) => x.values.map((v) => t(`channel.${v}`, { defaultValue: v })).join(', '))
                          .join(' · ')}`}
                    </div>
                    <PacingBar goal={g} lang={lang} />
                    <div className="goal-figures small">
                      <span>
                        {t('goals.actual')}: <strong>{f(p.actual)}</strong>
                      </span>
                      <span>
                        {t('goals.projection')}:{' '}
                        <strong>{f(p.projection_seasonal ?? p.projection_linear)}</strong>
                        {p.seasonal_profile ? ` (${t('goals.seasonal')})` : ''}
                      </span>
                      <span>
                        {t('goals.days', {
                          elapsed: num(lang, p.elapsed_days),
                          total: num(lang, p.total_days),
                        })}
                      </span>
                      {p.needed?.per_day !== undefined && (
                        <span>
                          {t('goals.neededPerDay', {
                            amount: f(p.needed.per_day),
                            days: num(lang, p.needed.remaining_days),
                          })}
                        </span>
                      )}
                    </div>
                    {write && (
                      <button type="button" className="secondary small" onClick={() => void remove(g)}>
                        {t('goals.delete')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Loaded>
      </section>
      <NewGoal onCreated={goals.reload} disabled={!write} />
    </div>
  );
}
