import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../services/users/roles.js';
import type { ApiKeyKind, AppStore, Role, Workspace } from '../store/ports.js';
import { sendError } from './errors.js';
import { csrfOk, lookupSession, WORKSPACE_HEADER } from './sessions.js';

const CACHE_TTL_MS = 60_000;

/**
 * Resolves keys to workspaces with a short cache: the collector's hot path must not hit the app
 * store per request. A revoked key therefore stops working within a minute.
 */
export class KeyResolver {
  private readonly cache = new Map<string, { at: number; ws: Workspace | null; keyId: string | null }>();

  constructor(readonly app: AppStore) {}

  async resolve(kind: ApiKeyKind, key: string): Promise<Workspace | null> {
    return (await this.resolveWithId(kind, key)).ws;
  }

  async resolveWithId(
    kind: ApiKeyKind,
    key: string,
  ): Promise<{ ws: Workspace | null; keyId: string | null }> {
    const cacheKey = `${kind}:${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit;
    const found = await this.app.resolveApiKey(kind, key);
    const ws = found ? await this.app.getWorkspace(found.workspace_id) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    const entry = { at: Date.now(), ws, keyId: found?.key_id ?? null };
    this.cache.set(cacheKey, entry);
    return entry;
  }

  forget(): void {
    this.cache.clear();
  }
}

export function bearer(req: FastifyRequest): string {
  const h = req.headers.authorization ?? '';
  return /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() : '';
}

/** Who is asking: a secret API key (full rights in its workspace) or a signed-in member with a role. */
export interface Principal {
  ws: Workspace;
  /** Recorded as who did it: the key id or the user id. */
  by: string;
  via: 'key' | 'session';
  /** The member's role; null for a secret key. */
  role: Role | null;
  userId: string | null;
}

const ROLE_REFUSAL: Record<Permission, string> = {
  read: 'You have no access to this workspace.',
  write: 'Your role in this workspace lets you look, not change anything. Ask an admin for the analyst role.',
  manage: 'Only admins and owners can change the workspace settings, API keys and members.',
};

/**
 * The guard of every `/v1` data route: a secret key (`Authorization: Bearer rdm_sk_…`) or the
 * session cookie of a member whose role allows `need` — by default `read` for GET/HEAD and
 * `write` for everything else, so that routes added later are role-aware without a change.
 * Session writes must pass the CSRF check (`sessions.ts`). Answers 401/403 itself and returns null.
 */
export async function requireAccess(
  keys: KeyResolver,
  req: FastifyRequest,
  reply: FastifyReply,
  need: Permission = req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write',
): Promise<Principal | null> {
  const key = bearer(req);
  if (key) {
    const { ws, keyId } = await keys.resolveWithId('secret', key);
    if (!ws) {
      sendError(
        reply,
        401,
        'unauthorized',
        key.startsWith('rdm_pk_')
          ? 'This is a public write key; this endpoint needs the secret API key (rdm_sk_…).'
          : 'Unknown or revoked API key.',
      );
      return null;
    }
    return { ws, by: keyId ?? 'api', via: 'key', role: null, userId: null };
  }

  const found = await lookupSession(keys.app, req);
  if (found.status === 'none') {
    sendError(
      reply,
      401,
      'unauthorized',
      'Sign in, or send your secret API key as "Authorization: Bearer rdm_sk_…".',
    );
    return null;
  }
  if (found.status !== 'ok') {
    sendError(
      reply,
      401,
      found.status === 'expired' ? 'session_expired' : 'unauthorized',
      found.status === 'expired'
        ? 'Your session has expired; sign in again.'
        : 'You are signed out; sign in again.',
    );
    return null;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && !csrfOk(req, found.token)) {
    sendError(
      reply,
      403,
      'csrf_failed',
      'This request did not come from the Rendement dashboard (missing or wrong CSRF token); reload the page.',
    );
    return null;
  }
  const memberships = await keys.app.listMemberships(found.session.user_id);
  const wanted = String(req.headers[WORKSPACE_HEADER] ?? '');
  const membership = wanted
    ? memberships.find((m) => m.workspace_id === wanted)
    : memberships.length === 1
      ? memberships[0]
      : undefined;
  if (!membership) {
    if (!wanted && memberships.length > 1)
      sendError(reply, 400, 'invalid_request', `Say which workspace: send the ${WORKSPACE_HEADER} header.`, [
        { field: WORKSPACE_HEADER, reason: 'is required when you are a member of several workspaces' },
      ]);
    else sendError(reply, 403, 'forbidden', ROLE_REFUSAL.read);
    return null;
  }
  if (!can(membership.role, need)) {
    sendError(reply, 403, 'forbidden', ROLE_REFUSAL[need]);
    return null;
  }
  const ws = await keys.app.getWorkspace(membership.workspace_id);
  if (!ws) {
    sendError(reply, 403, 'forbidden', ROLE_REFUSAL.read);
    return null;
  }
  return {
    ws,
    by: found.session.user_id,
    via: 'session',
    role: membership.role,
    userId: found.session.user_id,
  };
}

/**
 * The workspace of a secret key or a signed-in member (see `requireAccess`); answers 401/403 itself
 * and returns null when the request may not go on.
 */
export async function requireSecretKey(
  keys: KeyResolver,
  req: FastifyRequest,
  reply: FastifyReply,
  need?: Permission,
): Promise<Workspace | null> {
  return (await requireAccess(keys, req, reply, need))?.ws ?? null;
}

export function isAdmin(token: string | undefined, req: FastifyRequest): boolean {
  const presented = Buffer.from(bearer(req));
  const expected = Buffer.from(token ?? '');
  return expected.length > 0 && presented.length === expected.length && timingSafeEqual(presented, expected);
}
