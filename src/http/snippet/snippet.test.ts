import { webcrypto } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Script, createContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildSnippet, snippetResponse } from './index.js';

interface Beacon {
  url: string;
  type: string;
  body: { events: Record<string, unknown>[] };
}

/** Runs the snippet in a bare VM with just enough of a browser, recording beacons and storage writes. */
async function runInFakeBrowser(opts: { pageUrl: string; src: string; dataKey?: string; before?: string }) {
  const { code } = await buildSnippet();
  const beacons: Promise<Beacon>[] = [];
  const cookieWrites: string[] = [];
  const storageWrites: string[] = [];
  const warnings: string[] = [];
  const location = new URL(opts.pageUrl);
  const script = {
    src: opts.src,
    getAttribute: (n: string) => (n === 'data-key' ? (opts.dataKey ?? null) : null),
  };
  const sandbox = {
    location,
    URL,
    URLSearchParams,
    Blob,
    crypto: webcrypto,
    console: { warn: (m: string) => warnings.push(m) },
    navigator: {
      sendBeacon: (url: string, blob: Blob) => {
        beacons.push(
          blob.text().then((t) => ({ url, type: blob.type, body: JSON.parse(t) as Beacon['body'] })),
        );
        return true;
      },
    },
    localStorage: {
      getItem: () => null,
      setItem: (k: string) => storageWrites.push(k),
      removeItem: (k: string) => storageWrites.push(`-${k}`),
    },
    history: { pushState: () => undefined },
    addEventListener: () => undefined,
    document: {
      currentScript: script,
      referrer: '',
      getElementsByTagName: () => [script],
      get cookie() {
        return '';
      },
      set cookie(v: string) {
        cookieWrites.push(v);
      },
    },
  } as Record<string, unknown>;
  sandbox.window = sandbox;
  const context = createContext(sandbox);
  if (opts.before) new Script(opts.before).runInContext(context);
  new Script(code).runInContext(context);
  return { beacons: await Promise.all(beacons), cookieWrites, storageWrites, warnings, context };
}

describe('buildSnippet', () => {
  it('is small, parses as a script and is cached', async () => {
    const snippet = await buildSnippet();
    expect(snippet.minified).toBe(true);
    expect(snippet.gzipBytes).toBeLessThan(2048);
    expect(snippet.gzipBytes).toBe(snippet.gzip.length);
    expect(gunzipSync(snippet.gzip).toString('utf8')).toBe(snippet.code);
    expect(() => new Script(snippet.code, { filename: 't.js' })).not.toThrow();
    expect(snippet.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    expect(await buildSnippet()).toBe(snippet);
  });

  it('sends a cookieless pageview to the script origin without touching storage', async () => {
    const run = await runInFakeBrowser({
      pageUrl: 'https://shop.example/landing?utm_source=newsletter&rdm_click=c_1',
      src: 'https://collect.example/t.js',
      dataKey: 'wk_1',
      before:
        "window.rendement=window.rendement||function(){(window.rendement.q=window.rendement.q||[]).push(arguments)};rendement('track','early',{a:1});",
    });
    expect(run.warnings).toEqual([]);
    expect(run.cookieWrites).toEqual([]);
    expect(run.storageWrites).toEqual([]);
    expect(run.beacons.map((b) => b.url)).toEqual([
      'https://collect.example/v1/events?key=wk_1',
      'https://collect.example/v1/events?key=wk_1',
    ]);
    expect(run.beacons[0]!.type).toBe('text/plain');
    const [pv, early] = run.beacons.map((b) => b.body.events[0]);
    expect(pv).toMatchObject({
      type: 'pageview',
      url: 'https://shop.example/landing?utm_source=newsletter&rdm_click=c_1',
      click_id: 'c_1',
      consent: { analytics: false, marketing: false },
    });
    expect(pv).not.toHaveProperty('referrer');
    expect(early).toMatchObject({
      type: 'custom',
      name: 'early',
      props: { a: 1 },
      visitor_id: pv!.visitor_id,
    });
  });

  it('stores Secure first-party cookies after consent on https', async () => {
    const run = await runInFakeBrowser({
      pageUrl: 'https://shop.example/landing?rdm_click=c_2',
      src: 'https://collect.example/t.js?key=wk_2',
    });
    new Script("rendement('consent', true)").runInContext(run.context);
    expect(run.cookieWrites).toHaveLength(3);
    for (const c of run.cookieWrites) expect(c).toMatch(/; Path=\/; SameSite=Lax; Secure$/);
    expect(run.cookieWrites.find((c) => c.startsWith('_rdm_vid='))).toMatch(
      /^_rdm_vid=[0-9a-f]{32}; Max-Age=31536000;/,
    );
    expect(run.cookieWrites.find((c) => c.startsWith('_rdm_click='))).toMatch(
      /^_rdm_click=c_2; Max-Age=2592000;/,
    );
    expect(run.storageWrites.sort()).toEqual(['_rdm_click', '_rdm_consent', '_rdm_vid']);
  });

  it('does not track without a key or on file: pages, warning once', async () => {
    const noKey = await runInFakeBrowser({
      pageUrl: 'https://shop.example/',
      src: 'https://collect.example/t.js',
    });
    expect(noKey.beacons).toEqual([]);
    expect(noKey.warnings).toEqual([expect.stringContaining('no write key')]);
    const file = await runInFakeBrowser({
      pageUrl: 'file:///tmp/page.html',
      src: 'https://collect.example/t.js',
      dataKey: 'wk',
    });
    new Script("rendement('track', 'x')").runInContext(file.context);
    expect(file.beacons).toEqual([]);
    expect(file.warnings).toEqual([expect.stringContaining('file:')]);
  });
});

describe('snippetResponse', () => {
  it('negotiates gzip and answers 304 on a matching ETag', async () => {
    const { etag, gzip, code } = await buildSnippet();
    const gz = await snippetResponse({ acceptEncoding: 'br;q=1, gzip;q=0.8' });
    expect(gz).toMatchObject({ status: 200, body: gzip, headers: { 'content-encoding': 'gzip', etag } });
    const refused = await snippetResponse({ acceptEncoding: 'gzip;q=0, identity' });
    expect(refused.body).toBe(code);
    expect(refused.headers).not.toHaveProperty('content-encoding');
    expect((await snippetResponse({ ifNoneMatch: `W/${etag}, "other"` })).status).toBe(304);
    expect((await snippetResponse({ ifNoneMatch: '"other"' })).status).toBe(200);
  });
});

describe('registerSnippetRoute', () => {
  it('serves GET /t.js on Fastify', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerSnippetRoute } = await import('./index.js');
    const app = Fastify();
    registerSnippetRoute(app);
    try {
      const { code, etag } = await buildSnippet();
      const res = await app.inject({ method: 'GET', url: '/t.js' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.body).toBe(code);
      const gz = await app.inject({
        method: 'GET',
        url: '/t.js?key=wk',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(code);
      const cached = await app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': etag } });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');
    } finally {
      await app.close();
    }
  });
});
