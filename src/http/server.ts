import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { HttpContext } from './context.js';
import { installErrorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { collectorRoutes } from './routes/collector.js';
import { costRoutes } from './routes/costs.js';
import { attributionRoutes } from './routes/attribution.js';
import { experimentRoutes } from './routes/experiments.js';
import { goalRoutes } from './routes/goals.js';
import { reportRoutes } from './routes/reports.js';
import { workspaceRoutes } from './routes/workspace.js';
import { openApiRoute } from './routes/openapi.js';
import { userRoutes } from './routes/users.js';
import { webRoutes } from './routes/web.js';

export interface ServerOptions {
  logger?: boolean;
  /** Trust X-Forwarded-For from a reverse proxy (RENDEMENT_TRUST_PROXY). */
  trustProxy?: boolean;
  /** The built dashboard (`dist/web`); found beside the server when not given, null = none. */
  webDir?: string | null;
}

/** Build the HTTP server: collector, API, admin and OpenAPI routes over one context. */
export function buildServer(ctx: HttpContext, opts: ServerOptions = {}): FastifyInstance {
  const server = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  installErrorHandler(server);
  void server.register(fastifyCookie);
  server.get('/healthz', async () => ({ ok: true, version: ctx.version }));
  collectorRoutes(server, ctx);
  apiRoutes(server, ctx);
  costRoutes(server, ctx);
  reportRoutes(server, ctx);
  goalRoutes(server, ctx);
  attributionRoutes(server, ctx);
  experimentRoutes(server, ctx);
  workspaceRoutes(server, ctx);
  adminRoutes(server, ctx);
  userRoutes(server, ctx);
  openApiRoute(server, ctx.version);
  webRoutes(server, opts.webDir);
  return server;
}
