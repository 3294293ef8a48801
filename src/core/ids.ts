/**
 * Identifiers. Random parts come from the Web Crypto API (`globalThis.crypto`, present in Node ≥ 19
 * and browsers), so this module stays free of Node imports.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A random base62 string of `length` characters; ~5.95 bits each, so 22 characters carry > 128 bits.
 * Rejection sampling keeps every character equally likely (no modulo bias).
 */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

/** Key prefixes make leaked keys recognisable (secret scanners, logs) and tell the kinds apart. */
export const SECRET_KEY_PREFIX = 'rdm_sk_';
export const WRITE_KEY_PREFIX = 'rdm_pk_';

export const newWorkspaceId = (): string => `ws_${randomId(16)}`;
export const newSecretKey = (): string => `${SECRET_KEY_PREFIX}${randomId(32)}`;
export const newWriteKey = (): string => `${WRITE_KEY_PREFIX}${randomId(24)}`;
/** Rendement's own click id, appended to tracking-link destinations as `rdm_click`. */
export const newClickId = (): string => `c_${randomId(20)}`;
export const newSlug = (): string => randomId(7);

/** Slugs: 1–64 characters of letters, digits, `-` and `_` (safe in a URL path without escaping). */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
