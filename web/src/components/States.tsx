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

/**
 * A loaded view's states in one place: a spinner until the first answer, the error with a retry,
 * the empty text when `empty` says there is nothing to show, then `children` with the answer.
 */
export function Loaded<T>({
  load,
  empty,
  emptyText,
  children,
}: {
  load: { data: T | null; error: unknown; loading: boolean; reload: () => void };
  empty?: (data: T) => boolean;
  emptyText?: React.ReactNode;
  children: (data: T) => React.ReactNode;
}) {
  if (load.loading && !load.data) return <Loading />;
  if (load.error) return <ErrorNote error={load.error} onRetry={load.reload} />;
  if (load.data === null) return null;
  if (empty?.(load.data)) return <Empty>{emptyText}</Empty>;
  return <>{children(load.data)}</>;
}
