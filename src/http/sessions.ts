import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { AppStore, Session } from '../store/ports.js';

/** The session cookie: httpOnly (scripts never see it), SameSite=Lax, Secure over HTTPS. */
export const SESSION_COOKIE = 'rdm_session';
/** The header a signed-in browser sends its CSRF token in, and the one naming the workspace. */
export const CSRF_HEADER = 'x-csrf-token';
export const WORKSPACE_HEADER = 'x-rendement-workspace';

/**
 * CSRF defence for cookie-authenticated writes (OWASP's "synchronizer token" and "custom request
 * header" patterns, plus an Origin check):
 * - every state-changing request made with the session cookie must carry `X-CSRF-Token`. A page on
 *   another origin cannot set a custom header without a CORS preflight, which this server never
 *   grants, and cannot read the token either: it is derived from the (httpOnly) session token and
 *   handed only to our own pages in the sign-in and `/v1/auth/me` answers;
 * - when the browser sends `Origin`, it must be this server's own origin.
 * SameSite=Lax already keeps the cookie off cross-site POSTs in current browsers; the token also
 * covers same-site attackers (a sibling subdomain) and older browsers. Deriving the token from the
 * session (SHA-256 of a domain-separated 256-bit secret) needs no storage and dies with the session.
 */
export function csrfToken(sessionToken: string): string {
  return createHash('sha256').update(`rendement-csrf:${sessionToken}`).digest('base64url');
}

export function csrfOk(req: FastifyRequest, sessionToken: string): boolean {
  const presented = Buffer.from(String(req.headers[CSRF_HEADER] ?? ''));
  const expected = Buffer.from(csrfToken(sessionToken));
  return presented.length === expected.length && timingSafeEqual(presented, expected) && sameOrigin(req);
}

/**
 * True when the request has no Origin (same-origin GETs, non-browser clients) or one on our own
 * host. The scheme is not compared: behind a TLS-terminating proxy the server sees http while the
 * browser says https, and a page on the same host under the other scheme is no cross-site attacker.
 */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    // `req.host` is the Host header, or X-Forwarded-Host when RENDEMENT_TRUST_PROXY is on.
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export function sessionCookie(req: FastifyRequest): string | undefined {
  const v = req.cookies?.[SESSION_COOKIE];
  return v ? v : undefined;
}

export type SessionLookup =
  { status: 'none' } | { status: 'unknown' | 'expired' } | { status: 'ok'; token: string; session: Session };

export async function lookupSession(
  app: AppStore,
  req: FastifyRequest,
  now = Date.now(),
): Promise<SessionLookup> {
  const token = sessionCookie(req);
  if (!token) return { status: 'none' };
  const session = await app.getSession(token);
  if (!session) return { status: 'unknown' };
  if (Date.parse(session.expires_at) <= now) return { status: 'expired' };
  return { status: 'ok', token, session };
}

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
