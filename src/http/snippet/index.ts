/**
 * The first-party tracking snippet served at GET /t.js: t.src.js (plain ES2017) minified with esbuild,
 * gzipped once and cached in memory for the life of the process.
 *
 * esbuild is needed at run time (the server minifies on first request). Should it be missing, the
 * unminified source is served instead (it is valid ES2017 too) and a process warning says so.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { constants, gzipSync } from 'node:zlib';
import type * as Esbuild from 'esbuild';
import type { FastifyInstance } from 'fastify';

export interface Snippet {
  /** The JavaScript served at /t.js. */
  code: string;
  /** `code` gzipped at level 9, ready for `Content-Encoding: gzip`. */
  gzip: Buffer;
  gzipBytes: number;
  /** A strong ETag, quoted (`"…"`), from the SHA-256 of `code`. */
  etag: string;
  /** False when esbuild was not available and the source is served as is. */
  minified: boolean;
}

/**
 * Where t.src.js may be: beside this module (src/http/snippet/ when run from source, or dist/ when the
 * build copies it), else in the source tree seen from the compiled module (dist/http/snippet/index.js).
 */
const SOURCE_CANDIDATES = [
  new URL('./t.src.js', import.meta.url),
  new URL('../../../src/http/snippet/t.src.js', import.meta.url),
];

async function readSource(): Promise<string> {
  for (const url of SOURCE_CANDIDATES) {
    try {
      return await readFile(url, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error(
    `Rendement snippet source not found; looked at ${SOURCE_CANDIDATES.map((u) => u.pathname).join(', ')}`,
  );
}

async function minify(source: string): Promise<{ code: string; minified: boolean }> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.emitWarning('esbuild is not installed: serving the tracking snippet unminified', {
      code: 'RENDEMENT_SNIPPET',
    });
    return { code: source, minified: false };
  }
  const out = await esbuild.transform(source, {
    loader: 'js',
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    sourcefile: 't.src.js',
  });
  return { code: out.code, minified: true };
}

async function build(): Promise<Snippet> {
  const { code, minified } = await minify(await readSource());
  const gzip = gzipSync(code, { level: constants.Z_BEST_COMPRESSION });
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"`;
  return { code, gzip, gzipBytes: gzip.length, etag, minified };
}

let cached: Promise<Snippet> | undefined;

/** The snippet, built once per process (a failed build is retried on the next call). */
export async function buildSnippet(): Promise<Snippet> {
  cached ??= build().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

export interface SnippetResponse {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | string | null;
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The answer to GET /t.js for any HTTP framework: 304 on a matching If-None-Match, gzip when accepted.
 * Cached for an hour by browsers (the URL is not versioned), revalidated by ETag afterwards.
 */
export async function snippetResponse(req: {
  ifNoneMatch?: string;
  acceptEncoding?: string;
}): Promise<SnippetResponse> {
  const snippet = await buildSnippet();
  const headers: Record<string, string> = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
    etag: snippet.etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
    // Loaded by other sites' pages, including ones with Cross-Origin-Embedder-Policy: require-corp.
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (etagMatches(req.ifNoneMatch, snippet.etag)) return { status: 304, headers, body: null };
  if (acceptsGzip(req.acceptEncoding)) {
    headers['content-encoding'] = 'gzip';
    return { status: 200, headers, body: snippet.gzip };
  }
  return { status: 200, headers, body: snippet.code };
}

/** Registers GET /t.js (and HEAD) on a Fastify instance. */
export function registerSnippetRoute(app: FastifyInstance): void {
  app.get('/t.js', async (request, reply) => {
    const res = await snippetResponse({
      ifNoneMatch: request.headers['if-none-match'],
      acceptEncoding: request.headers['accept-encoding'],
    });
    reply.code(res.status).headers(res.headers);
    return reply.send(res.body ?? undefined);
  });
}
