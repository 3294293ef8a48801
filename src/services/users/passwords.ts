import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt parameters: OWASP's Password Storage Cheat Sheet lists N=2^15, r=8, p=3 among its
 * equivalent minimums for scrypt (≈ 32 MiB of memory per hash, so GPUs and ASICs gain little).
 * They are stored with each hash, so raising them later re-hashes users at their next sign-in.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;
export type ScryptParams = { N: number; r: number; p: number; keyLength: number; saltLength: number };

export const MIN_PASSWORD_LENGTH = 10;
/** scrypt hashes any length, but a megabyte "password" is a denial-of-service attempt. */
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, p: Omit<ScryptParams, 'saltLength'>): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default `maxmem` (32 MiB) is exactly that at N=2^15, r=8,
  // and the check is strict, so allow twice the need.
  const opts: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, p.keyLength, opts, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Hash a password with scrypt (RFC 7914) and a random 128-bit salt, as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url). The password is NFKC-normalised first, so
 * the same password typed on another keyboard layout or OS still matches (NIST SP 800-63B 5.1.1.2).
 */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(params.saltLength);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Parse a stored hash; null when it is not one of ours (then no password matches it). */
export function parseHash(
  stored: string,
): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || (N & (N - 1)) !== 0) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || key.length === 0) return null;
  return { N, r, p, salt, key };
}

/**
 * Check a password against a stored hash in constant time (`timingSafeEqual` on the derived keys).
 * Also answers whether the hash uses weaker parameters than today's, so the caller can re-hash.
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const h = parseHash(stored);
  if (!h || typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH)
    return { ok: false, needsRehash: false };
  const key = await derive(password, h.salt, { N: h.N, r: h.r, p: h.p, keyLength: h.key.length });
  const ok = timingSafeEqual(key, h.key);
  const needsRehash = h.N < SCRYPT_PARAMS.N || h.r < SCRYPT_PARAMS.r || h.p < SCRYPT_PARAMS.p;
  return { ok, needsRehash };
}

/** Why a new password is refused, or null when it is acceptable (length rules of NIST SP 800-63B). */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'is required';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/** A random password for generated accounts (the demo user): 16 base62 characters ≈ 95 bits. */
export function randomPassword(): string {
  const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  while (out.length < 16) {
    for (const b of randomBytes(32)) if (b < 248 && out.length < 16) out += ALPHABET[b % 62];
  }
  return out;
}
