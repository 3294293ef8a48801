import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldErrors } from '../../core/schemas/index.js';
import { ValidationError } from '../../store/ports.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';

const patchBody = z
  .object({
    base_currency: z.string().optional(),
    time_zone: z.string().optional(),
    locale: z.string().optional(),
    allowed_origins: z.array(z.string()).optional(),
    default_margin: z.number().nullable().optional(),
  })
  .strict();

const newKeyBody = z.object({ kind: z.enum(['write', 'secret'], { message: 'must be write or secret' }) });

/** The key's own workspace: settings (incl. the origins the write key accepts) and its API keys. */
export function workspaceRoutes(server: FastifyInstance, ctx: HttpContext): void {
  server.patch('/v1/workspace', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply, 'manage');
    if (!ws) return reply;
    const parsed = patchBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    try {
      const workspace = await ctx.app.updateWorkspace(ws.id, parsed.data);
      // Keys resolve to a cached workspace: drop the cache so the new settings apply now.
      ctx.keys.forget();
      return { workspace };
    } catch (e) {
      if (e instanceof ValidationError) return badRequest(reply, [{ field: e.field, reason: e.reason }]);
      throw e;
    }
  });

  server.get('/v1/keys', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    return { keys: await ctx.app.listApiKeys(ws.id) };
  });

  server.post('/v1/keys', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply, 'manage');
    if (!ws) return reply;
    const parsed = newKeyBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    const { key, record } = await ctx.app.createApiKey(ws.id, parsed.data.kind);
    return reply.code(201).send({ key, record });
  });

  server.delete('/v1/keys/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply, 'manage');
    if (!ws) return reply;
    const keys = await ctx.app.listApiKeys(ws.id);
    const target = keys.find((k) => k.id === req.params.id);
    const activeSecrets = keys.filter((k) => k.kind === 'secret' && !k.revoked_at);
    if (target?.kind === 'secret' && !target.revoked_at && activeSecrets.length === 1)
      return sendError(
        reply,
        409,
        'last_secret_key',
        'This is the only secret key of the workspace; create another one first.',
      );
    if (!(await ctx.app.revokeApiKey(ws.id, req.params.id)))
      return sendError(reply, 404, 'not_found', `No key ${req.params.id} in this workspace.`);
    ctx.keys.forget();
    return { revoked: req.params.id };
  });
}
