import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Me } from '../api';
import { LanguageSwitcher } from '../components/Shell';
import { ErrorNote } from '../components/States';
import { useSession } from '../session';

export default function AcceptInvite() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('POST', '/v1/auth/accept-invite', {
        token: params.get('token') ?? '',
        password,
        name,
      });
      signedIn(me);
      navigate(`/overview?ws=${me.workspaces.at(-1)?.id ?? ''}`, { replace: true });
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
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="invite-title">
        <h1 id="invite-title">{t('invite.acceptTitle')}</h1>
        <p className="muted">{t('invite.acceptIntro')}</p>
        <label>
          {t('invite.name')}
          <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <p className="muted small">{t('invite.passwordHint')}</p>
        {error !== null && <ErrorNote error={error} />}
        <button type="submit" disabled={busy}>
          {t('invite.accept')}
        </button>
      </form>
    </div>
  );
}
