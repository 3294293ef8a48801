import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** What went wrong, in words a marketer understands; the server's own sentence when we know no better. */
export function errorText(t: (k: string, o?: Record<string, unknown>) => string, error: unknown): string {
  if (error instanceof ApiError) {
    const known = [
      'network',
      'forbidden',
      'csrf_failed',
      'session_expired',
      'unauthorized',
      'invalid_credentials',
      'too_many_attempts',
      'invite_invalid',
      'invite_expired',
      'invite_used',
      'wrong_password',
      'slug_taken',
      'user_exists',
      'last_secret_key',
    ];
    if (known.includes(error.code)) return t(`error.${error.code}`);
    if (error.status >= 500) return t('error.server');
    return error.message;
  }
  return t('error.server');
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div className="error" role="alert">
      <p>{errorText(t, error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.slice(0, 20).map((f, i) => (
            <li key={i}>
              <strong>{f.field}</strong>: {f.reason}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}
