/**
 * URL and UTM helpers built on the WHATWG `URL` global (Node ≥ 10 and every browser), so this module
 * stays free of Node imports.
 */

/** A parsed URL, reduced to what ingestion and channel grouping read. */
export interface ParsedUrl {
  /** The scheme without its colon, lower-case: `https`, `http`, `android-app`, … */
  scheme: string;
  /** The host name: lower-case, no port, no trailing dot (`www.` is kept; see `bareHost`). */
  host: string;
  /** The path, percent-encoded as in the URL (`/` at least for http and https). */
  path: string;
  /**
   * Query parameters, decoded; the first value wins when a name repeats (as Google Analytics reads
   * UTM tags). The record has no prototype, so a `__proto__` parameter is just a key.
   */
  params: Record<string, string>;
}

/**
 * Parse an absolute URL with the WHATWG URL parser and return its scheme, host, path and query
 * parameters, or null when the string is not an absolute URL or has no host (`mailto:`, `data:`,
 * relative paths). Any scheme with a host is accepted, because referrers such as
 * `android-app://com.google.android.gm/` (the Gmail app) carry their source in the host; use
 * `isHttpUrl` to require a web address.
 */
export function parseUrl(url: string): ParsedUrl | null {
  const u = toUrl(url);
  if (!u) return null;
  const host = cleanHost(u.hostname);
  if (host === '') return null;
  const params = Object.create(null) as Record<string, string>;
  for (const [name, value] of u.searchParams) {
    if (!(name in params)) params[name] = value;
  }
  return { scheme: u.protocol.slice(0, -1).toLowerCase(), host, path: u.pathname, params };
}

/**
 * The host name of an absolute URL — lower-case, without port or trailing dot — or `''` when the
 * string is not an absolute URL with a host (the empty string means "absent" throughout the records).
 */
export function hostOf(url: string): string {
  const u = toUrl(url);
  return u ? cleanHost(u.hostname) : '';
}

/**
 * True when `s` is an absolute `http://` or `https://` URL with a non-empty host, exactly as
 * written: no surrounding whitespace and the `//` present (the WHATWG parser would otherwise accept
 * `http:example.com` and ` http://x`, which are typos in a link destination, not addresses).
 */
export function isHttpUrl(s: string): boolean {
  if (typeof s !== 'string' || s !== s.trim() || !/^https?:\/\//i.test(s)) return false;
  const u = toUrl(s);
  return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
}

/**
 * Normalise a UTM value so that differently typed tags of one campaign group together: Unicode NFC,
 * trimmed, lower-cased, and every run of inner whitespace (including non-breaking and other Unicode
 * spaces) collapsed to one ASCII space. `null`, `undefined` and blank values give `''` (absent).
 */
export function normaliseUtm(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  // Most tags are already normal (lower-case ASCII, no spaces): skip the regex and NFC work for them.
  if (/^[a-z0-9_.-]*$/.test(value)) return value;
  return value.trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFC');
}

/**
 * A host name without the `www.` (or `www2.`, …) label a site is often served under, lower-case,
 * without port or trailing dot, so that `www.example.com` and `example.com` compare equal. Other labels are
 * kept: `m.` and `shop.` can be different properties.
 */
export function bareHost(host: string): string {
  return cleanHost(host)
    .replace(/:\d+$/, '')
    .replace(/\.+$/, '')
    .replace(/^www\d*\./, '');
}

function toUrl(s: string): URL | null {
  if (typeof s !== 'string' || s === '') return null;
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

function cleanHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, '');
}
