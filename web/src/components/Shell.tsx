import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useSearchParams } from 'react-router';
import { LANGS, rememberLang, type Lang } from '../i18n';
import { useSession, useWorkspace } from '../session';
import { Loading } from './States';

/** The pages in the navigation; pages whose API does not exist yet are not listed. */
export const NAV: Array<{ path: string; key: string }> = [
  { path: '/overview', key: 'nav.overview' },
  { path: '/channels', key: 'nav.channels' },
  { path: '/attribution', key: 'nav.attribution' },
  { path: '/experiments', key: 'nav.experiments' },
  { path: '/goals', key: 'nav.goals' },
  { path: '/links', key: 'nav.links' },
  { path: '/costs', key: 'nav.costs' },
];

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <div className="langs" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={i18n.language === l ? 'lang active' : 'lang'}
          aria-pressed={i18n.language === l}
          onClick={() => {
            rememberLang(l as Lang);
            void i18n.changeLanguage(l);
          }}
          title={t(`lang.${l}`)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const ws = useWorkspace();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  // Keep the shareable state (workspace, dates) when moving between pages.
  const keep = new URLSearchParams();
  for (const k of ['ws', 'from', 'to']) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const qs = keep.toString() ? `?${keep}` : '';
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <span className="brand">Rendement</span>
        {me && me.workspaces.length > 0 && (
          <label className="ws">
            <span className="sr-only">{t('shell.workspace')}</span>
            <select
              value={ws?.id ?? ''}
              onChange={(e) =>
                setParams((p) => {
                  const n = new URLSearchParams(p);
                  n.set('ws', e.target.value);
                  return n;
                })
              }
            >
              {me.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <nav aria-label={t('nav.label')}>
          {NAV.map((n) => (
            <NavLink
              key={n.path}
              to={`${n.path}${qs}`}
              className={({ isActive }) => (isActive ? 'active' : '')}
            >
              {t(n.key)}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <LanguageSwitcher />
        {me && (
          <span className="user">
            <span className="who" title={me.user.email}>
              {me.user.email} · {ws ? t(`role.${ws.role}`) : ''}
            </span>
            <button type="button" className="secondary small" onClick={() => void signOut()}>
              {t('action.signOut')}
            </button>
          </span>
        )}
      </header>
      <main id="main" tabIndex={-1} key={location.pathname}>
        {ws?.role === 'viewer' && <p className="notice">{t('shell.viewerNotice')}</p>}
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </div>
  );
}
