import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyKind, AppStore, Workspace } from '../store/ports.js';
import { sendError } from './errors.js';

const CACHE_TTL_MS = 60_000;

/**
 * Resolves keys to workspaces with a short cache: the collector's hot path must not hit the app
 * store per request. A revoked key therefore stops working within a minute.
 */
export class KeyResolver {
  private readonly cache = new Map<string, { at: number; ws: Workspace | null }>();

  constructor(private readonly app: AppStore) {}

  async resolve(kind: ApiKeyKind, key: string): Promise<Workspace | null> {
    const cacheKey = `${kind}:${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.ws;
    const found = await this.app.resolveApiKey(kind, key);
    const ws = found ? await this.app.getWorkspace(found.workspace_id) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, { at: Date.now(), ws });
    return ws;
  }

  forget(): void {
    this.cache.clear();
  }
}

export function bearer(req: FastifyRequest): string {
  const h = req.headers.authorization ?? '';
  return /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() : '';
}

/** The secret-key guard: answers 401 itself and returns null when the key is missing or unknown. */
export async function requireSecretKey(
  keys: KeyResolver,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<Workspace | null> {
  const key = bearer(req);
  if (!key) {
    sendError(reply, 401, 'unauthorized', 'Send your secret API key as "Authorization: Bearer rdm_sk_…".');
    return null;
  }
  const ws = await keys.resolve('secret', key);
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
  return ws;
}

export function isAdmin(token: string | undefined, req: FastifyRequest): boolean {
  const presented = Buffer.from(bearer(req));
  const expected = Buffer.from(token ?? '');
  return expected.length > 0 && presented.length === expected.length && timingSafeEqual(presented, expected);
}
