import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { DATE_RE, defaultRange } from './dates';

/** The date range of every page lives in the query string (`?from=…&to=…`), so a URL shares the view. */
export function useRange(): { from: string; to: string; setRange(from: string, to: string): void } {
  const [params, setParams] = useSearchParams();
  const def = defaultRange();
  const fromQ = params.get('from') ?? '';
  const toQ = params.get('to') ?? '';
  const ok = DATE_RE.test(fromQ) && DATE_RE.test(toQ) && fromQ <= toQ;
  const from = ok ? fromQ : def.from;
  const to = ok ? toQ : def.to;
  const setRange = useCallback(
    (f: string, t: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('from', f);
        next.set('to', t);
        return next;
      }),
    [setParams],
  );
  return { from, to, setRange };
}

/** A query parameter as state (filters, sort): shareable and kept on reload. */
export function useParam(name: string, fallback = ''): [string, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? fallback;
  const set = useCallback(
    (v: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (v === fallback || v === '') next.delete(name);
          else next.set(name, v);
          return next;
        },
        { replace: true },
      ),
    [name, fallback, setParams],
  );
  return [value, set];
}
