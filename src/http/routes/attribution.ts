import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AttributionInputError } from '../../attribution/index.js';
import {
  attributionPathsReport,
  attributionReport,
  parseAttributionParams,
} from '../../services/attribution/report.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest } from '../errors.js';

type Q = FastifyRequest<{ Querystring: Record<string, unknown> }>;

/** Attribution over the key's workspace: models side by side, and the paths behind them. */
export function attributionRoutes(server: FastifyInstance, ctx: HttpContext): void {
  const stores = { app: ctx.app, events: ctx.events };
  for (const [url, run] of [
    ['/v1/attribution', attributionReport],
    ['/v1/attribution/paths', attributionPathsReport],
  ] as const) {
    server.get(url, async (req: Q, reply) => {
      const ws = await requireSecretKey(ctx.keys, req, reply);
      if (!ws) return reply;
      const parsed = parseAttributionParams(req.query);
      if ('errors' in parsed)
        return badRequest(reply, parsed.errors, 'The attribution parameters are invalid.');
      await ctx.collector.flush();
      try {
        return await run(stores, ws, parsed.params);
      } catch (e) {
        if (e instanceof AttributionInputError)
          return badRequest(reply, [{ field: e.field, reason: e.reason }]);
        throw e;
      }
    });
  }
}
