import { api, setWorkspace, type Me } from './api';
import { DATE_RE, defaultRange } from './dates';
import { fetchKpis, type KpiReport } from './kpis';

/**
 * Requests started before React has rendered anything: who is signed in and, on the overview, the
 * KPI cards' report — the page's meaningful content, whose latency is the server's. Each answer is
 * handed out once, to the first component asking for exactly that request.
 */
const pending = new Map<string, Promise<unknown>>();

export function take<T>(key: string, make: () => Promise<T>): Promise<T> {
  const p = pending.get(key);
  pending.delete(key);
  return (p as Promise<T> | undefined) ?? make();
}

export const CARD_KPIS = ['cost', 'revenue', 'roas', 'mer', 'cpa', 'conversions', 'cvr'];
export const cardsKey = (ws: string, from: string, to: string) => `cards:${ws}:${from}:${to}`;
export const fetchCards = (from: string, to: string): Promise<KpiReport> =>
  fetchKpis(api, { from, to, compare: 'previous', metrics: CARD_KPIS.join(',') });

export function startPrefetch(): void {
  const me = api<Me>('GET', '/v1/auth/me');
  me.catch(() => undefined); // the session provider reports it
  pending.set('me', me);
  if (location.pathname !== '/' && location.pathname !== '/overview') return;
  const q = new URLSearchParams(location.search);
  const def = defaultRange();
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const ok = DATE_RE.test(from) && DATE_RE.test(to) && from <= to;
  void me.then(
    (m) => {
      const ws = m.workspaces.find((w) => w.id === q.get('ws')) ?? m.workspaces[0];
      if (!ws) return;
      setWorkspace(ws.id);
      const f = ok ? from : def.from;
      const t = ok ? to : def.to;
      const cards = fetchCards(f, t);
      cards.catch(() => undefined);
      pending.set(cardsKey(ws.id, f, t), cards);
    },
    () => undefined,
  );
}
