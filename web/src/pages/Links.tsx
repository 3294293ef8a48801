import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { CopyButton } from '../components/CopyButton';
import { Empty, ErrorNote, Loaded, Loading } from '../components/States';
import { dateTime } from '../format';
import type { Lang } from '../i18n';
import { canManage, canWrite, useWorkspace } from '../session';
import { useLoad } from '../useLoad';

interface LinkView {
  slug: string;
  url: string;
  destination: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
  partner: string | null;
  created_at: string;
}
interface KeyRecord {
  id: string;
  kind: 'write' | 'secret';
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}
interface Member {
  id: string;
  email: string;
  name: string | null;
  role: string;
}
interface Invite {
  id: string;
  email: string;
  role: string;
  expires_at: string;
  accepted_at: string | null;
}

const FIELDS = [
  'destination',
  'slug',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'partner',
] as const;
type Field = (typeof FIELDS)[number];

function NewLinkForm({ onCreated, disabled }: { onCreated: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const empty = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>;
  const [v, setV] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<LinkView | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x.trim() !== ''));
    try {
      setCreated(await api<LinkView>('POST', '/v1/links', body));
      setV(empty);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="newlink-title">
      <h2 id="newlink-title">{t('links.new')}</h2>
      <fieldset disabled={disabled} className="grid-form">
        {FIELDS.map((f) => (
          <label key={f} className={f === 'destination' ? 'wide' : ''}>
            {t(`links.field.${f}`)}
            <input
              name={f}
              type={f === 'destination' ? 'url' : 'text'}
              required={f === 'destination'}
              placeholder={t(`links.placeholder.${f}`)}
              value={v[f]}
              onChange={(e) => setV({ ...v, [f]: e.target.value })}
            />
          </label>
        ))}
        <div className="wide">
          <button type="submit" disabled={busy || disabled}>
            {t('links.create')}
          </button>
        </div>
      </fieldset>
      {error !== null && <ErrorNote error={error} />}
      {created && (
        <p className="success" role="status">
          {t('links.created')} <code data-testid="new-link-url">{created.url}</code>{' '}
          <CopyButton text={created.url} />
        </p>
      )}
    </form>
  );
}

function Snippet({ writeKey }: { writeKey: string | undefined }) {
  const { t } = useTranslation();
  if (!writeKey) return <Empty>{t('setup.noWriteKey')}</Empty>;
  const code = `<script async src="${location.origin}/t.js" data-key="${writeKey}"></script>`;
  return (
    <div>
      <p className="muted">{t('setup.snippetIntro')}</p>
      <pre className="code" tabIndex={0}>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} />
    </div>
  );
}

function Keys({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const keys = useLoad(() => api<{ keys: KeyRecord[] }>('GET', '/v1/keys'), []);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function create(kind: 'write' | 'secret') {
    setError(null);
    try {
      const r = await api<{ key: string }>('POST', '/v1/keys', { kind });
      setShown(r.key);
      keys.reload();
    } catch (e) {
      setError(e);
    }
  }
  async function revoke(id: string) {
    if (!confirm(t('setup.revokeConfirm'))) return;
    setError(null);
    try {
      await api('DELETE', `/v1/keys/${encodeURIComponent(id)}`);
      keys.reload();
    } catch (e) {
      setError(e);
    }
  }
  if (keys.loading && !keys.data) return <Loading />;
  if (keys.error) return <ErrorNote error={keys.error} onRetry={keys.reload} />;
  return (
    <div>
      {shown && (
        <p className="success" role="status">
          {t('setup.keyShownOnce')} <code>{shown}</code> <CopyButton text={shown} />
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('setup.keyKind')}</th>
              <th scope="col">{t('setup.keyPrefix')}</th>
              <th scope="col">{t('common.created')}</th>
              <th scope="col">{t('setup.keyStatus')}</th>
              {manage && (
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {keys.data?.keys.map((k) => (
              <tr key={k.id}>
                <td>{t(`setup.kind.${k.kind}`)}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{dateTime(lang, k.created_at)}</td>
                <td>
                  {k.revoked_at
                    ? t('setup.revokedOn', { date: dateTime(lang, k.revoked_at) })
                    : t('setup.active')}
                </td>
                {manage && (
                  <td>
                    {!k.revoked_at && (
                      <button type="button" className="secondary small" onClick={() => void revoke(k.id)}>
                        {t('setup.revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => void create('secret')}>
            {t('setup.newSecret')}
          </button>
          <button type="button" className="secondary" onClick={() => void create('write')}>
            {t('setup.newWrite')}
          </button>
        </p>
      )}
    </div>
  );
}

function Team({ manage, role }: { manage: boolean; role: string }) {
  const { t } = useTranslation();
  const data = useLoad(() => api<{ members: Member[]; invites: Invite[] }>('GET', '/v1/members'), []);
  const [email, setEmail] = useState('');
  const [newRole, setNewRole] = useState('viewer');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function invite(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ url: string }>('POST', '/v1/invites', { email, role: newRole });
      setUrl(r.url);
      setEmail('');
      data.reload();
    } catch (err) {
      setError(err);
    }
  }
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorNote error={data.error} onRetry={data.reload} />;
  const roles = role === 'owner' ? ['viewer', 'analyst', 'admin', 'owner'] : ['viewer', 'analyst', 'admin'];
  return (
    <div>
      <ul className="members">
        {data.data?.members.map((m) => (
          <li key={m.id}>
            {m.name ? `${m.name} · ` : ''}
            {m.email} — <strong>{t(`role.${m.role}`)}</strong>
          </li>
        ))}
        {data.data?.invites
          .filter((i) => !i.accepted_at)
          .map((i) => (
            <li key={i.id} className="muted">
              {i.email} — {t(`role.${i.role}`)} ({t('invite.pending')})
            </li>
          ))}
      </ul>
      {manage && (
        <form className="inline-form" onSubmit={(e) => void invite(e)}>
          <label>
            {t('signIn.email')}
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label>
            {t('invite.role')}
            <select value={newRole} onChange={(e) => setNewRole(e.target.value)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('invite.send')}</button>
        </form>
      )}
      {error !== null && <ErrorNote error={error} />}
      {url && (
        <p className="success" role="status">
          {t('invite.linkReady')} <code data-testid="invite-url">{url}</code> <CopyButton text={url} />
        </p>
      )}
    </div>
  );
}

export default function Links() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ws = useWorkspace();
  const links = useLoad(() => api<{ links: LinkView[] }>('GET', '/v1/links'), [ws?.id]);
  const setup = useLoad(() => api<{ write_keys: string[] }>('GET', '/v1/workspace'), [ws?.id]);
  const write = canWrite(ws);
  const manage = canManage(ws);
  return (
    <div className="page">
      <h1>{t('nav.links')}</h1>
      <NewLinkForm onCreated={links.reload} disabled={!write} />
      <section className="card" aria-labelledby="links-title">
        <h2 id="links-title">{t('links.list')}</h2>
        <Loaded load={links} empty={(loaded) => !loaded.links.length} emptyText={t('links.empty')}>
          {(loaded) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('links.field.slug')}</th>
                    <th scope="col">{t('links.field.destination')}</th>
                    <th scope="col">{t('links.field.utm_source')}</th>
                    <th scope="col">{t('links.field.utm_medium')}</th>
                    <th scope="col">{t('links.field.utm_campaign')}</th>
                    <th scope="col">{t('links.field.partner')}</th>
                    <th scope="col">{t('common.created')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.links.map((l) => (
                    <tr key={l.slug}>
                      <td>
                        <a href={l.url} target="_blank" rel="noreferrer">
                          {l.slug}
                        </a>
                      </td>
                      <td className="truncate" title={l.destination}>
                        {l.destination}
                      </td>
                      <td>{l.utm_source ?? ''}</td>
                      <td>{l.utm_medium ?? ''}</td>
                      <td>{l.utm_campaign ?? ''}</td>
                      <td>{l.partner ?? ''}</td>
                      <td>{dateTime(lang, l.created_at)}</td>
                      <td>
                        <CopyButton text={l.url} label={`${t('action.copy')} ${l.url}`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="snippet-title">
        <h2 id="snippet-title">{t('setup.snippet')}</h2>
        <Loaded load={setup}>{(loaded) => <Snippet writeKey={loaded.write_keys[0]} />}</Loaded>
      </section>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">{t('setup.keys')}</h2>
        <Keys key={ws?.id} manage={manage} />
      </section>
      <section className="card" aria-labelledby="team-title">
        <h2 id="team-title">{t('setup.team')}</h2>
        <Team key={ws?.id} manage={manage} role={ws?.role ?? 'viewer'} />
      </section>
    </div>
  );
}
