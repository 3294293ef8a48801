import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../api';
import { LanguageSwitcher } from '../components/Shell';
import { ErrorNote } from '../components/States';
import { useSession } from '../session';

export default function SignIn() {
  const { t } = useTranslation();
  const { signedIn, reason } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api<Me>('POST', '/v1/auth/sign-in', { email, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <div className="signin-lang">
        <LanguageSwitcher />
      </div>
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Rendement</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {reason === 'session_expired' && <p className="notice">{t('error.session_expired')}</p>}
        <label>
          {t('signIn.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error !== null && <ErrorNote error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? t('state.working') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
