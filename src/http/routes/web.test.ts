import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../errors.js';
import { webRoutes } from './web.js';

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdm-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  const js = 'console.log("rendement");'.repeat(50);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), js);
  writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(js));
  return `${dir}/`;
}

async function server(webDir: string | null) {
  const app = Fastify();
  installErrorHandler(app);
  webRoutes(app, webDir);
  await app.ready();
  return app;
}

describe('the dashboard route', () => {
  it('serves index.html for every page path, with a strict CSP and no caching', async () => {
    const app = await server(builtApp());
    for (const url of ['/', '/overview', '/channels?channel=Paid%20Search', '/accept-invite?token=x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets gzipped and cached for a year', async () => {
    const app = await server(builtApp());
    const res = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps JSON 404s for unknown API, redirect and snippet paths', async () => {
    const app = await server(builtApp());
    for (const url of ['/v1/nope', '/r/', '/healthzz']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
  });

  it('says how to build the dashboard when it is missing', async () => {
    const app = await server(null);
    const res = await app.inject({ url: '/overview' });
    expect(res.body).toMatch(/npm run build/);
    expect((await app.inject({ url: '/v1/nope' })).statusCode).toBe(404);
  });
});
