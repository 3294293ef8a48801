import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AttributionInputError } from '../../attribution/index.js';
import {
  creditExport,
  creditExportHeader,
  creditExportLine,
  parseCreditExportParams,
  type CreditExportRow,
} from '../../services/attribution/credit-export.js';
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

  // Transaction-level credit: one line per touch of each conversion under each asked model.
  server.get('/v1/export/credit', async (req: Q, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const parsed = parseCreditExportParams(req.query);
    if ('errors' in parsed)
      return badRequest(reply, parsed.errors, 'The credit export parameters are invalid.');
    const { format } = parsed.params;
    await ctx.collector.flush();
    const rows = creditExport(stores, ws, parsed.params);
    // Resolve the first row before answering: bad model parameters become a 400, not a cut stream.
    const it = rows[Symbol.asyncIterator]();
    let first: IteratorResult<CreditExportRow>;
    try {
      first = await it.next();
    } catch (e) {
      if (e instanceof AttributionInputError)
        return badRequest(reply, [{ field: e.field, reason: e.reason }]);
      throw e;
    }
    const { from, to } = parsed.params;
    reply.header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    reply.header('content-disposition', `attachment; filename="rendement-credit-${from}-${to}.${format}"`);
    async function* lines() {
      yield creditExportHeader(format);
      for (let r = first; !r.done; r = await it.next()) yield creditExportLine(r.value, format);
    }
    return reply.send(Readable.from(lines()));
  });
}
