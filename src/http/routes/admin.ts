import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fieldErrors } from '../../core/schemas/index.js';
import { isAdmin } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';
import { createWorkspaceWithKeys } from '../../services/workspaces.js';

const newWorkspaceBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(128),
  base_currency: z.string().optional(),
  time_zone: z.string().optional(),
  locale: z.string().optional(),
});

/**
 * Admin routes, for the CLI while a server owns the data directory. The token lives in
 * `RENDEMENT_DATA_DIR/server.json` (mode 0600): whoever can read the data directory is admin anyway.
 */
export function adminRoutes(server: FastifyInstance, ctx: HttpContext): void {
  server.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/admin/')) return;
    if (!isAdmin(ctx.adminToken, req)) return sendError(reply, 401, 'unauthorized', 'Admin token required.');
  });

  server.post('/v1/admin/workspaces', async (req, reply) => {
    const parsed = newWorkspaceBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    const created = await createWorkspaceWithKeys(ctx.app, parsed.data);
    if ('error' in created)
      return sendError(reply, created.status, created.error, created.message, created.errors);
    return reply.code(201).send(created);
  });

  server.post('/v1/admin/demo', async (_req, reply) => {
    if (!ctx.seedDemo)
      return sendError(reply, 501, 'not_available', 'Demo data is not available on this server.');
    try {
      return reply.code(201).send(await ctx.seedDemo());
    } catch (e) {
      if (e instanceof Error && /exists/i.test(e.message))
        return sendError(reply, 409, 'demo_exists', e.message);
      throw e;
    }
  });
}
