import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../errors.js';

/**
 * Where the built dashboard is: `dist/web` beside the compiled server (`dist/http/routes/web.js`),
 * or — when the server runs from `src/` under tsx (tests, `npm run dev`) — the package's `dist/web`.
 */
export function findWebDir(): string | null {
  for (const rel of ['../../web/', '../../../dist/web/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

/**
 * The app runs only its own bundled scripts and talks only to this server; no framing (clickjacking).
 * Inline styles are allowed because React and ECharts set element styles.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** Paths the server itself answers; everything else under GET is the single-page app's. */
const SERVER_PATHS = /^\/(v1\/|r\/|t\.js|healthz)/;

/**
 * The dashboard: hashed assets from `dist/web/assets` (cached for a year, gzip files served when
 * the browser accepts them), and `index.html` for every other GET so that deep links work.
 */
export function webRoutes(server: FastifyInstance, webDir: string | null = findWebDir()): void {
  if (!webDir) {
    const notBuilt =
      'The dashboard is not built. Run `npm run build` (npm ci does it), then restart the server.';
    const answer = async (req: FastifyRequest, reply: FastifyReply) =>
      SERVER_PATHS.test(req.url)
        ? sendError(reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`)
        : reply.type('text/plain; charset=utf-8').send(notBuilt);
    server.get('/', answer);
    server.get('/*', answer);
    return;
  }
  const indexHtml = readFileSync(`${webDir}index.html`);
  void server.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    // Our own header below: hashed assets forever, anything else revalidated.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    if (SERVER_PATHS.test(req.url))
      return sendError(reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`);
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(indexHtml);
  };
  server.get('/', page);
  server.get('/*', page);
}
