import { CLICK_ID_PARAMS, RDM_CLICK_PARAM, UTM_PARAMS } from '../core/click-ids.js';

/** The query parameters the collector reads from a landing URL; all others are left in `url`. */
const WANTED = new Set<string>([...UTM_PARAMS, ...CLICK_ID_PARAMS, RDM_CLICK_PARAM]);

export interface PageUrl {
  host: string;
  path: string;
  /** Only the wanted parameters, decoded; the first value wins (as analytics tools read UTM tags). */
  params: Map<string, string>;
}

function decode(s: string): string {
  const plus = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    // A malformed escape (`%E9` from a Latin-1 mailer): keep the raw text rather than lose the tag.
    return plus;
  }
}

/**
 * Parse a page URL on the collector's hot path: host and path from the WHATWG parser, and only the
 * campaign parameters from the query (scanning it directly is several times cheaper than building a
 * URLSearchParams for every event). Same decoding rules as `application/x-www-form-urlencoded`.
 */
export function parsePageUrl(url: string): PageUrl | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  let host = u.hostname.toLowerCase();
  if (host.endsWith('.')) host = host.replace(/\.+$/, '');
  if (!host) return null;
  const params = new Map<string, string>();
  // Walk the query with indexOf rather than split it: most pairs are not wanted, and those are
  // skipped without building an array or decoding their values.
  const q = u.search;
  for (let start = 1; start < q.length;) {
    let end = q.indexOf('&', start);
    if (end < 0) end = q.length;
    let eq = q.indexOf('=', start);
    if (eq < 0 || eq > end) eq = end;
    const name = decode(q.slice(start, eq));
    if (WANTED.has(name) && !params.has(name)) params.set(name, eq < end ? decode(q.slice(eq + 1, end)) : '');
    start = end + 1;
  }
  return { host, path: u.pathname, params };
}
