import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseCohortParams, parseKpiParams } from '../../core/report-params.js';
import { cohortReport } from '../../services/reports/cohorts.js';
import { kpiReport } from '../../services/reports/kpis.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest } from '../errors.js';

/** Reports over the key's workspace. */
export function reportRoutes(server: FastifyInstance, ctx: HttpContext): void {
  const stores = { app: ctx.app, events: ctx.events };

  server.get(
    '/v1/reports/kpis',
    async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const ws = await requireSecretKey(ctx.keys, req, reply);
      if (!ws) return reply;
      const parsed = parseKpiParams(req.query);
      if ('errors' in parsed) return badRequest(reply, parsed.errors, 'The report parameters are invalid.');
      // Events acknowledged a moment ago may still sit in the spool: a report should show them.
      await ctx.collector.flush();
      return kpiReport(stores, ws, parsed.params);
    },
  );

  server.get(
    '/v1/reports/cohorts',
    async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const ws = await requireSecretKey(ctx.keys, req, reply);
      if (!ws) return reply;
      const parsed = parseCohortParams(req.query);
      if ('errors' in parsed) return badRequest(reply, parsed.errors, 'The report parameters are invalid.');
      await ctx.collector.flush();
      return cohortReport(stores, ws, parsed.params);
    },
  );
}
