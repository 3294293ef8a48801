import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { take } from './prefetch';
import { api, ApiError, setCsrf, setWorkspace, SIGNED_OUT_EVENT, type Me, type WorkspaceView } from './api';

interface SessionState {
  me: Me | null;
  loading: boolean;
  /** Why the user sees the sign-in page: 'session_expired', 'unauthorized', or null. */
  reason: string | null;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [reason, setReason] = useState<string | null>(null);

  const signedIn = useCallback((m: Me) => {
    setCsrf(m.csrf_token);
    setMe(m);
    setReason(null);
  }, []);

  useEffect(() => {
    take('me', () => api<Me>('GET', '/v1/auth/me'))
      .then(signedIn)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'session_expired') setReason('session_expired');
      })
      .finally(() => setLoading(false));
    const onOut = (ev: Event) => {
      setMe(null);
      setReason((ev as CustomEvent<string>).detail ?? 'unauthorized');
    };
    window.addEventListener(SIGNED_OUT_EVENT, onOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onOut);
  }, [signedIn]);

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/v1/auth/sign-out', {});
    } finally {
      setMe(null);
      setReason(null);
    }
  }, []);

  const value = useMemo(
    () => ({ me, loading, reason, signedIn, signOut }),
    [me, loading, reason, signedIn, signOut],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The workspace named by `?ws=` (shareable), else the user's first; sets the API's workspace header. */
export function useWorkspace(): WorkspaceView | null {
  const { me } = useSession();
  const [params] = useSearchParams();
  const wanted = params.get('ws');
  const ws = me?.workspaces.find((w) => w.id === wanted) ?? me?.workspaces[0] ?? null;
  if (ws) setWorkspace(ws.id);
  return ws;
}

export function canWrite(ws: WorkspaceView | null): boolean {
  return ws !== null && ws.role !== 'viewer';
}
export function canManage(ws: WorkspaceView | null): boolean {
  return ws !== null && (ws.role === 'owner' || ws.role === 'admin');
}
