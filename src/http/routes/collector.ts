import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Workspace } from '../../store/ports.js';
import { bearer } from '../auth.js';
import { clientContext } from '../client-context.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';
import { registerSnippetRoute } from '../snippet/index.js';

/** Browsers may post from any allowed origin; the key (not a cookie) authenticates, so no credentials. */
function cors(reply: FastifyReply, origin: string | undefined): void {
  if (!origin) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type, authorization');
  reply.header('access-control-max-age', '86400');
}

function originAllowed(ws: Workspace, origin: string | undefined): boolean {
  if (!origin || ws.allowed_origins.length === 0) return true;
  return ws.allowed_origins.includes(origin);
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Link not found</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Link not found</h1><p>This tracking link does not exist or was removed. Check the address you were given.</p>
<p lang="nl">Deze link bestaat niet (meer). Controleer het adres.</p><p lang="fr">Ce lien n'existe pas ou plus. Vérifiez l'adresse.</p></body></html>`;

export function collectorRoutes(server: FastifyInstance, ctx: HttpContext): void {
  server.options('/v1/events', async (req, reply) => {
    cors(reply, req.headers.origin);
    return reply.code(204).send();
  });

  // The events route gets its body as raw text: the collector's worker thread parses it, so the
  // main thread never spends time on JSON for the hot path. Beacons send text/plain.
  void server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string' },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/v1/events',
      { bodyLimit: 1024 * 1024 },
      async (req: FastifyRequest<{ Querystring: { key?: string } }>, reply) => {
        const origin = req.headers.origin;
        const key = bearer(req) || (typeof req.query.key === 'string' ? req.query.key : '');
        if (!key)
          return sendError(
            reply,
            401,
            'unauthorized',
            'Send the workspace write key as "Authorization: Bearer rdm_pk_…" or ?key=.',
          );
        const ws = await ctx.keys.resolve('write', key);
        if (!ws) return sendError(reply, 401, 'unauthorized', 'Unknown or revoked write key.');
        if (!originAllowed(ws, origin))
          return sendError(
            reply,
            403,
            'origin_not_allowed',
            `This workspace does not accept events from ${origin}.`,
          );
        cors(reply, origin);
        const body = typeof req.body === 'string' ? req.body : '';
        const result = await ctx.collector.ingestEvents(ws.id, body, clientContext(req));
        if ('envelope' in result) return badRequest(reply, result.envelope);
        if (result.accepted === 0)
          return reply
            .code(400)
            .send({ error: 'invalid_request', message: 'No event in the batch was valid.', ...result });
        return reply.code(202).send(result);
      },
    );
  });

  registerSnippetRoute(server);

  server.get('/r/:slug', async (req: FastifyRequest<{ Params: { slug: string } }>, reply) => {
    const link = await ctx.app.getLink(req.params.slug);
    if (!link) return reply.code(404).header('content-type', 'text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    const referrer = typeof req.headers.referer === 'string' ? req.headers.referer : '';
    const location = await ctx.collector.recordLinkClick(link, { ...clientContext(req), referrer });
    return reply
      .code(302)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer-when-downgrade')
      .redirect(location);
  });
}
