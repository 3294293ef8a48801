import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { DateRange } from '../components/DateRange';
import { Empty, ErrorNote, Loaded } from '../components/States';
import { date, dateTime, money, num } from '../format';
import type { Lang } from '../i18n';
import { useRange } from '../range';
import { canWrite, useWorkspace } from '../session';
import { useLoad } from '../useLoad';

interface ImportRecord {
  id: string;
  file_name: string;
  platform: string;
  account_ids: string[];
  date_from: string | null;
  date_to: string | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  created_at: string;
  undone_at: string | null;
}
interface ImportReport {
  status: 'imported' | 'dry_run' | 'rejected';
  message: string;
  platform: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  date_from: string | null;
  date_to: string | null;
  amounts: Array<{ currency: string; amount: string }>;
  errors: Array<{ line?: number; column?: string; value?: string; reason: string }>;
}
interface CostsAnswer {
  base_currency: string;
  total: string;
  rows: Array<{ platform: string; channel: string; amount_base: string | null }>;
  missing_rates: Array<{ currency: string; rows: number; amount: string }>;
}
interface Unmatched {
  unmatched_costs: Array<{
    platform: string;
    channel: string;
    campaign: string;
    currency: string;
    amount: string;
  }>;
  unmatched_traffic: Array<{ channel: string; utm_campaign: string; touchpoints: number }>;
}

const PLATFORMS = ['auto', 'google-ads', 'meta', 'tiktok', 'linkedin', 'microsoft', 'generic'];

function contentType(name: string): string {
  if (/\.xlsx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (/\.(tsv|tab)$/i.test(name)) return 'text/tab-separated-values';
  if (/\.csv$/i.test(name)) return 'text/csv';
  return 'application/octet-stream';
}

function Upload({ onDone, disabled }: { onDone: () => void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const file = useRef<HTMLInputElement>(null);
  const [platform, setPlatform] = useState('auto');
  const [dryRun, setDryRun] = useState(false);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const q = new URLSearchParams({
      platform,
      file_name: f.name,
      dry_run: String(dryRun),
      skip_bad_rows: String(skip),
    });
    try {
      setReport(
        await api<ImportReport>('POST', `/v1/costs/import?${q}`, f, { contentType: contentType(f.name) }),
      );
      onDone();
    } catch (err) {
      // A rejected file answers 400 with the full report: show it line by line.
      const body = err instanceof ApiError ? (err.body as { report?: ImportReport } | undefined) : undefined;
      if (body?.report) setReport(body.report);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title">
      <h2 id="upload-title">{t('costs.upload')}</h2>
      <p className="muted">{t('costs.uploadIntro')}</p>
      <fieldset disabled={disabled} className="grid-form">
        <label className="wide">
          {t('costs.file')}
          <input ref={file} type="file" name="file" accept=".csv,.tsv,.txt,.xlsx" required />
        </label>
        <label>
          {t('costs.platform')}
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />{' '}
          {t('costs.dryRun')}
        </label>
        <label className="check">
          <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} />{' '}
          {t('costs.skipBad')}
        </label>
        <div className="wide">
          <button type="submit" disabled={busy || disabled}>
            {busy ? t('state.working') : t('costs.import')}
          </button>
        </div>
      </fieldset>
      {error !== null && <ErrorNote error={error} />}
      {report && (
        <div
          className={report.status === 'rejected' ? 'error' : 'success'}
          role="status"
          data-testid="import-report"
        >
          <p>
            <strong>{t(`costs.status.${report.status}`)}</strong> —{' '}
            {t('costs.reportLine', {
              read: num(lang, report.rows_read),
              imported: num(lang, report.rows_imported),
              rejected: num(lang, report.rows_rejected),
            })}
            {report.date_from && ` · ${date(lang, report.date_from)} – ${date(lang, report.date_to)}`}
            {report.amounts.length > 0 &&
              ` · ${report.amounts.map((a) => money(lang, a.amount, a.currency)).join(', ')}`}
          </p>
          {report.errors.length > 0 && (
            <ul>
              {report.errors.slice(0, 20).map((er, i) => (
                <li key={i}>
                  {er.line ? `${t('costs.line')} ${er.line}` : ''}
                  {er.column ? `, ${er.column}` : ''}
                  {er.value ? ` (“${er.value}”)` : ''}: {er.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

export default function Costs() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const { from, to } = useRange();
  const write = canWrite(ws);
  const q = `from=${from}&to=${to}`;
  const costs = useLoad(() => api<CostsAnswer>('GET', `/v1/costs?${q}`), [ws?.id, q]);
  const imports = useLoad(() => api<{ imports: ImportRecord[] }>('GET', '/v1/costs/imports'), [ws?.id]);
  const unmatched = useLoad(() => api<Unmatched>('GET', `/v1/costs/unmatched?${q}`), [ws?.id, q]);
  const [undoError, setUndoError] = useState<unknown>(null);

  async function undo(id: string) {
    if (!confirm(t('costs.undoConfirm'))) return;
    setUndoError(null);
    try {
      await api('POST', `/v1/costs/imports/${encodeURIComponent(id)}/undo`, {});
      imports.reload();
      costs.reload();
      unmatched.reload();
    } catch (e) {
      setUndoError(e);
    }
  }

  // Media spend by platform; other cost lines (fees, influencers, production) by their channel.
  const byPlatform = new Map<string, number>();
  for (const r of costs.data?.rows ?? []) {
    if (r.amount_base === null) continue;
    const name = r.platform
      ? t(`platform.${r.platform}`, { defaultValue: r.platform })
      : r.channel
        ? t(`channel.${r.channel}`, { defaultValue: r.channel })
        : t('costs.otherCosts');
    byPlatform.set(name, (byPlatform.get(name) ?? 0) + Number(r.amount_base));
  }
  const currency = costs.data?.base_currency ?? ws?.base_currency ?? 'EUR';

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('nav.costs')}</h1>
        <DateRange />
      </div>
      <section className="card" aria-labelledby="spend-title">
        <h2 id="spend-title">{t('costs.spend')}</h2>
        <Loaded load={costs} empty={(loaded) => !loaded.rows.length} emptyText={t('costs.noSpend')}>
          {(loaded) => (
            <>
              <p className="big" data-testid="spend-total">
                {money(lang, loaded.total, currency)}
              </p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('costs.platform')}</th>
                      <th scope="col" className="num">
                        {t('kpi.cost')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...byPlatform.entries()]
                      .sort((a, b) => b[1] - a[1])
                      .map(([p, amount]) => (
                        <tr key={p}>
                          <td>{p}</td>
                          <td className="num">{money(lang, amount, currency)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
              {loaded.missing_rates.length > 0 && (
                <p className="notice">
                  {t('costs.missingRates', {
                    currencies: loaded.missing_rates.map((m) => m.currency).join(', '),
                  })}
                </p>
              )}
            </>
          )}
        </Loaded>
      </section>
      <Upload onDone={() => (imports.reload(), costs.reload(), unmatched.reload())} disabled={!write} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('costs.history')}</h2>
        {undoError !== null && <ErrorNote error={undoError} />}
        <Loaded load={imports} empty={(loaded) => !loaded.imports.length} emptyText={t('costs.noImports')}>
          {(loaded) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('costs.file')}</th>
                    <th scope="col">{t('costs.platform')}</th>
                    <th scope="col">{t('costs.dates')}</th>
                    <th scope="col" className="num">
                      {t('costs.rowsImported')}
                    </th>
                    <th scope="col" className="num">
                      {t('costs.rowsRejected')}
                    </th>
                    <th scope="col">{t('common.created')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.imports.map((r) => (
                    <tr key={r.id} className={r.undone_at ? 'undone' : ''}>
                      <td>{r.file_name}</td>
                      <td>{t(`platform.${r.platform}`, { defaultValue: r.platform })}</td>
                      <td>
                        {date(lang, r.date_from)} – {date(lang, r.date_to)}
                      </td>
                      <td className="num">{num(lang, r.rows_imported)}</td>
                      <td className="num">{num(lang, r.rows_rejected)}</td>
                      <td>{dateTime(lang, r.created_at)}</td>
                      <td>
                        {r.undone_at ? (
                          <span className="muted">
                            {t('costs.undoneOn', { date: dateTime(lang, r.undone_at) })}
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="secondary small"
                            disabled={!write}
                            onClick={() => void undo(r.id)}
                          >
                            {t('costs.undo')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="unmatched-title">
        <h2 id="unmatched-title">{t('costs.unmatched')}</h2>
        <p className="muted">{t('costs.unmatchedIntro')}</p>
        <Loaded load={unmatched}>
          {(loaded) => (
            <div className="two">
              <UnmatchedList
                title={t('costs.spendWithoutTraffic')}
                head={[t('costs.platform'), t('kpi.campaign'), t('kpi.cost')]}
                rows={loaded.unmatched_costs.map((c) => [
                  t(`platform.${c.platform}`, { defaultValue: c.platform }),
                  c.campaign,
                  money(lang, c.amount, c.currency),
                ])}
              />
              <UnmatchedList
                title={t('costs.trafficWithoutSpend')}
                head={[t('kpi.channel'), t('kpi.campaign'), t('kpi.touchpoints')]}
                rows={loaded.unmatched_traffic.map((c) => [
                  t(`channel.${c.channel}`, { defaultValue: c.channel }),
                  c.utm_campaign,
                  num(lang, c.touchpoints),
                ])}
              />
            </div>
          )}
        </Loaded>
      </section>
    </div>
  );
}

/** One side of the unmatched-spend check: a label, a campaign and a figure per line, or "all matched". */
function UnmatchedList({
  title,
  head,
  rows,
}: {
  title: string;
  head: [string, string, string];
  rows: string[][];
}) {
  const { t } = useTranslation();
  return (
    <div>
      <h3>{title}</h3>
      {!rows.length ? (
        <Empty>{t('costs.allMatched')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{head[0]}</th>
                <th scope="col">{head[1]}</th>
                <th scope="col" className="num">
                  {head[2]}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{r[0]}</td>
                  <td>{r[1]}</td>
                  <td className="num">{r[2]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
