import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldErrors, newLinkSchema } from '../../core/schemas/index.js';
import { dateRange } from '../../core/date-range.js';
import { SlugTakenError } from '../../store/ports.js';
import { createTrackingLink, linkView } from '../../services/links.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';

export function apiRoutes(server: FastifyInstance, ctx: HttpContext): void {
  server.post('/v1/conversions', { bodyLimit: 1024 * 1024 }, async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const result = await ctx.collector.conversions.ingest(req.body, ws);
    if ('envelope' in result) return badRequest(reply, result.envelope);
    if (result.accepted === 0)
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: 'No conversion in the batch was valid.', ...result });
    return reply.code(202).send(result);
  });

  server.post('/v1/links', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const parsed = newLinkSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    try {
      return reply.code(201).send(await createTrackingLink(ctx.app, ws.id, parsed.data, ctx.publicUrl));
    } catch (e) {
      if (!(e instanceof SlugTakenError)) throw e;
      return sendError(reply, 409, 'slug_taken', `The slug "${e.slug}" is already taken; choose another.`, [
        { field: 'slug', reason: 'is already taken' },
      ]);
    }
  });

  server.get('/v1/links', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const links = await ctx.app.listLinks(ws.id);
    return { links: links.map((l) => linkView(ctx.publicUrl, l)) };
  });

  server.get('/v1/workspace', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    return { workspace: ws, write_keys: await ctx.app.writeKeys(ws.id) };
  });

  server.get(
    '/v1/export/events',
    async (req: FastifyRequest<{ Querystring: { from?: string; to?: string } }>, reply) => {
      const ws = await requireSecretKey(ctx.keys, req, reply);
      if (!ws) return reply;
      const range = dateRange(req.query, ws.time_zone);
      if ('errors' in range) return badRequest(reply, range.errors);
      const { from, to } = range;
      const wsId = ws.id;
      // What was acknowledged must be in the export: move the spool into the store first.
      await ctx.collector.flush();
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="rendement-${req.query.from}-${req.query.to}.ndjson"`,
      );
      async function* lines() {
        for await (const rec of ctx.events.exportEvents(wsId, from, to)) yield `${JSON.stringify(rec)}\n`;
      }
      return reply.send(Readable.from(lines()));
    },
  );
}
