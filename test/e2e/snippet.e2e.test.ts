/**
 * The tracking snippet (GET /t.js) in a real browser: a tiny node:http server serves landing pages that
 * embed the snippet, serves /t.js from buildSnippet(), and records what arrives at POST /v1/events.
 * Pages are served from http://localhost:PORT and the snippet from http://127.0.0.1:PORT, so the collector
 * is cross-origin as on a customer's site (sendBeacon with a text/plain body needs no CORS preflight).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetResponse } from '../../src/http/snippet/index.js';
import { launchChromium } from './chromium.js';

interface WireEvent {
  type: string;
  event_id: string;
  visitor_id: string;
  customer_id?: string;
  timestamp: number;
  url: string;
  referrer?: string;
  click_id?: string;
  consent: { analytics: boolean; marketing: boolean };
  name?: string;
  props?: Record<string, unknown>;
  experiment?: string;
  variant?: string;
}

interface Received {
  key: string | null;
  contentType: string | undefined;
  origin: string | undefined;
  event: WireEvent;
}

const received: Received[] = [];
let server: Server;
let browser: Browser;
let pageOrigin: string; // http://localhost:PORT
let jsOrigin: string; // http://127.0.0.1:PORT: the collector, as the script's src origin
const contexts: BrowserContext[] = [];

const STUB =
  'window.rendement=window.rendement||function(){(window.rendement.q=window.rendement.q||[]).push(arguments)};';

function page(scriptTag: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Landing</title>${head}${scriptTag}</head><body><h1>Hello</h1></body></html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** /p/KEY/… data-key; /k/KEY/… t.js?key=KEY; /q/KEY/… stub and queued calls, slow t.js; /n/… no key. */
function landingPage(mode: string, key: string): string | undefined {
  const k = escapeAttr(key);
  switch (mode) {
    case 'p':
      return page(`<script async src="${jsOrigin}/t.js" data-key="${k}"></script>`);
    case 'k':
      return page(`<script async src="${jsOrigin}/t.js?key=${encodeURIComponent(key)}"></script>`);
    case 'n':
      return page(`<script async src="${jsOrigin}/t.js"></script>`);
    case 'q':
      return page(
        `<script async src="${jsOrigin}/t.js?delay=300" data-key="${k}"></script>`,
        `<script>${STUB}
          rendement('identify', 'cust_42');
          rendement('track', 'early_call', {n: 1});
          window.__queuedBeforeLoad = window.rendement.q.length;
        </script>`,
      );
    default:
      return undefined;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' && url.pathname === '/t.js') {
    const delay = Number(url.searchParams.get('delay') ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const out = await snippetResponse({
      ifNoneMatch: req.headers['if-none-match'],
      acceptEncoding: req.headers['accept-encoding'],
    });
    res.writeHead(out.status, out.headers);
    res.end(out.body ?? undefined);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/v1/events') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: WireEvent[] };
    for (const event of body.events) {
      received.push({
        key: url.searchParams.get('key'),
        contentType: req.headers['content-type'],
        origin: req.headers.origin,
        event,
      });
    }
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accepted: body.events.length, rejected: [] }));
    return;
  }
  const m = /^\/([a-z])\/([^/]+)\//.exec(url.pathname);
  const html =
    req.method === 'GET' && m ? landingPage(m[1] ?? '', decodeURIComponent(m[2] ?? '')) : undefined;
  if (html !== undefined) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
    return;
  }
  res.writeHead(404);
  res.end();
}

function eventsFor(key: string): WireEvent[] {
  return received.filter((r) => r.key === key).map((r) => r.event);
}

async function waitForEvents(key: string, count: number, timeoutMs = 10_000): Promise<WireEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = eventsFor(key);
    if (events.length >= count) return events;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} events for key ${key}, got ${events.length}: ${JSON.stringify(events, null, 1)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function newPage(): Promise<{ context: BrowserContext; page: Page; warnings: string[] }> {
  const context = await browser.newContext();
  contexts.push(context);
  const p = await context.newPage();
  const warnings: string[] = [];
  p.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  p.on('pageerror', (err) => warnings.push(`pageerror: ${err.message}`));
  return { context, page: p, warnings };
}

async function storageOf(p: Page): Promise<{ local: Record<string, string>; session: number }> {
  return p.evaluate(() => ({ local: { ...localStorage }, session: sessionStorage.length }));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  pageOrigin = `http://localhost:${port}`;
  jsOrigin = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('tracking snippet in Chromium', () => {
  it('sends a cookieless landing pageview with UTM url, key, click id and consent false, storing nothing', async () => {
    const key = 'wk_landing';
    const { context, page: p, warnings } = await newPage();
    const landing = `${pageOrigin}/p/${key}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring&rdm_click=c_abc`;
    await p.goto(landing, { referer: 'https://www.google.com/' });
    const [pv] = await waitForEvents(key, 1);

    expect(pv).toMatchObject({
      type: 'pageview',
      url: landing,
      referrer: 'https://www.google.com/',
      click_id: 'c_abc',
      consent: { analytics: false, marketing: false },
    });
    const url = new URL(pv!.url);
    expect(url.searchParams.get('utm_source')).toBe('newsletter');
    expect(url.searchParams.get('utm_medium')).toBe('email');
    expect(pv!.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(pv!.visitor_id).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(pv!.timestamp - Date.now())).toBeLessThan(60_000);
    expect(pv).not.toHaveProperty('customer_id');

    const wire = received.find((r) => r.key === key)!;
    expect(wire.contentType).toMatch(/^text\/plain/); // a CORS-safelisted type: no preflight
    expect(wire.origin).toBe(pageOrigin);

    expect(await context.cookies()).toEqual([]);
    expect(await storageOf(p)).toEqual({ local: {}, session: 0 });
    expect(await p.evaluate(() => window.rendement('getClickId'))).toBe('c_abc');
    expect(warnings).toEqual([]);
  });

  it('after consent keeps a first-party visitor id and click id, across reloads, until consent is withdrawn', async () => {
    const key = 'wk_consent';
    const { context, page: p } = await newPage();
    await p.goto(`${pageOrigin}/p/${key}/landing?utm_source=newsletter&utm_medium=email&rdm_click=c_abc`);
    const [pv] = await waitForEvents(key, 1);
    expect(pv!.consent).toEqual({ analytics: false, marketing: false });

    await p.evaluate(() => window.rendement('consent', true));
    const cookies = await context.cookies();
    const vidCookie = cookies.find((c) => c.name === '_rdm_vid');
    expect(vidCookie).toBeDefined();
    expect(vidCookie!.sameSite).toBe('Lax');
    expect(vidCookie!.secure).toBe(false); // http page
    expect(vidCookie!.domain).toBe('localhost'); // first-party: the page's host, not the collector's
    const yearFromNow = Date.now() / 1000 + 365 * 86400;
    expect(Math.abs(vidCookie!.expires - yearFromNow)).toBeLessThan(3600);
    const clickCookie = cookies.find((c) => c.name === '_rdm_click');
    expect(clickCookie?.value).toBe('c_abc');
    expect(Math.abs(clickCookie!.expires - (Date.now() / 1000 + 30 * 86400))).toBeLessThan(3600);
    // The page's in-memory id becomes the stored one, so its landing pageview joins later events.
    expect(vidCookie!.value).toBe(pv!.visitor_id);
    const storage = await storageOf(p);
    expect(storage.local['_rdm_vid']).toMatch(new RegExp(`^${vidCookie!.value}\\|\\d+$`));
    expect(storage.session).toBe(0);

    await p.evaluate(() => window.rendement('track', 'signup_click', { plan: 'pro' }));
    const [, custom] = await waitForEvents(key, 2);
    expect(custom).toMatchObject({
      type: 'custom',
      name: 'signup_click',
      props: { plan: 'pro' },
      visitor_id: vidCookie!.value,
      click_id: 'c_abc',
      consent: { analytics: true, marketing: true },
    });

    // Reload: same visitor, consent remembered without the site calling it again.
    await p.reload();
    const [, , reloaded] = await waitForEvents(key, 3);
    expect(reloaded).toMatchObject({
      type: 'pageview',
      visitor_id: vidCookie!.value,
      consent: { analytics: true, marketing: true },
    });

    // A later page without rdm_click in its URL still sends the kept click id.
    await p.goto(`${pageOrigin}/p/${key}/pricing`);
    const [, , , later] = await waitForEvents(key, 4);
    expect(later).toMatchObject({ type: 'pageview', visitor_id: vidCookie!.value, click_id: 'c_abc' });
    expect(new URL(later!.url).pathname).toBe(`/p/${key}/pricing`);

    // Withdrawal deletes everything and the next event can't be joined to the stored id.
    await p.evaluate(() => window.rendement('consent', false));
    expect(await context.cookies()).toEqual([]);
    expect(await storageOf(p)).toEqual({ local: {}, session: 0 });
    await p.evaluate(() => window.rendement('track', 'after_withdrawal'));
    const [, , , , afterWithdrawal] = await waitForEvents(key, 5);
    expect(afterWithdrawal).toMatchObject({
      name: 'after_withdrawal',
      consent: { analytics: false, marketing: false },
    });
    expect(afterWithdrawal!.visitor_id).not.toBe(vidCookie!.value);
    expect(afterWithdrawal).not.toHaveProperty('click_id'); // the kept one is gone; this URL had none

    await p.reload();
    const [, , , , , next] = await waitForEvents(key, 6);
    expect(next!.consent).toEqual({ analytics: false, marketing: false });
    expect(next!.visitor_id).not.toBe(vidCookie!.value);
    expect(await context.cookies()).toEqual([]);
  });

  it('accepts consent as an object, storing the click id only with marketing consent', async () => {
    const key = 'wk_consent_object';
    const { context, page: p } = await newPage();
    await p.goto(`${pageOrigin}/p/${key}/landing?rdm_click=c_obj`);
    await waitForEvents(key, 1);
    await p.evaluate(() => window.rendement('consent', { analytics: true, marketing: false }));
    const names = (await context.cookies()).map((c) => c.name).sort();
    expect(names).toEqual(['_rdm_consent', '_rdm_vid']);
    await p.evaluate(() => window.rendement('track', 'x'));
    const [, ev] = await waitForEvents(key, 2);
    expect(ev).toMatchObject({ consent: { analytics: true, marketing: false }, click_id: 'c_obj' });
  });

  it('without consent gives a different visitor id on every page load and stores nothing', async () => {
    const key = 'wk_cookieless';
    const { context, page: p } = await newPage();
    await p.goto(`${pageOrigin}/p/${key}/landing?utm_source=newsletter`);
    await waitForEvents(key, 1);
    await p.reload();
    await waitForEvents(key, 2);
    await p.goto(`${pageOrigin}/p/${key}/other`);
    const events = await waitForEvents(key, 3);
    const ids = new Set(events.map((e) => e.visitor_id));
    expect(ids.size).toBe(3);
    expect(events.every((e) => e.consent.analytics === false && e.consent.marketing === false)).toBe(true);
    expect(await context.cookies()).toEqual([]);
    expect(await storageOf(p)).toEqual({ local: {}, session: 0 });

    // A fresh context (another visitor) gets yet another id.
    const other = await newPage();
    await other.page.goto(`${pageOrigin}/p/${key}/landing`);
    const all = await waitForEvents(key, 4);
    expect(ids.has(all[3]!.visitor_id)).toBe(false);
  });

  it('replays calls queued through the stub before the script loaded', async () => {
    const key = 'wk_queue';
    const { page: p, warnings } = await newPage();
    await p.goto(`${pageOrigin}/q/${key}/landing?rdm_click=c_q`);
    const events = await waitForEvents(key, 2);
    expect(
      await p.evaluate(() => (window as unknown as { __queuedBeforeLoad: number }).__queuedBeforeLoad),
    ).toBe(2);
    const pv = events.find((e) => e.type === 'pageview');
    const early = events.find((e) => e.type === 'custom');
    // identify is applied before the first pageview; queued events follow it.
    expect(pv!.timestamp).toBeLessThanOrEqual(early!.timestamp);
    expect(pv).toMatchObject({ customer_id: 'cust_42', click_id: 'c_q' });
    expect(early).toMatchObject({
      name: 'early_call',
      props: { n: 1 },
      customer_id: 'cust_42',
      visitor_id: pv!.visitor_id,
    });
    expect(await p.evaluate(() => window.rendement('getClickId'))).toBe('c_q');
    expect(warnings).toEqual([]);
  });

  it('sends a pageview on history.pushState and popstate, not on hash changes', async () => {
    const key = 'wk_spa';
    const { page: p } = await newPage();
    const landing = `${pageOrigin}/p/${key}/landing?utm_source=newsletter`;
    await p.goto(landing);
    await waitForEvents(key, 1);
    await p.evaluate(() => history.pushState({}, '', '/p/wk_spa/pricing?plan=pro'));
    const [first, second] = await waitForEvents(key, 2);
    expect(second).toMatchObject({
      type: 'pageview',
      url: `${pageOrigin}/p/${key}/pricing?plan=pro`,
      referrer: landing,
    });
    expect(second!.visitor_id).toBe(first!.visitor_id);
    expect(second!.event_id).not.toBe(first!.event_id);

    // A hash change is not a new page, neither is going back to the URL without it.
    await p.evaluate(() => history.pushState({}, '', '#faq'));
    await p.evaluate(() => history.back());
    await p.waitForFunction(() => location.hash === '');
    // Back to the landing page: popstate sends a pageview.
    await p.evaluate(() => history.back());
    const third = (await waitForEvents(key, 3))[2];
    expect(third).toMatchObject({ type: 'pageview', url: landing, visitor_id: first!.visitor_id });
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor(key).map((e) => new URL(e.url).pathname)).toEqual([
      `/p/${key}/landing`,
      `/p/${key}/pricing`,
      `/p/${key}/landing`,
    ]);
  });

  it('sends experiment exposures and manual pageviews', async () => {
    const key = 'wk_experiment';
    const { page: p } = await newPage();
    await p.goto(`${pageOrigin}/p/${key}/landing`);
    await waitForEvents(key, 1);
    await p.evaluate(() => {
      window.rendement('identify', 'cust_7');
      window.rendement('experiment', 'hero_headline', 'B');
      window.rendement('pageview');
    });
    const [, exposure, manual] = await waitForEvents(key, 3);
    expect(exposure).toMatchObject({
      type: 'custom',
      name: '$exposure',
      experiment: 'hero_headline',
      variant: 'B',
      customer_id: 'cust_7',
    });
    expect(manual).toMatchObject({ type: 'pageview', customer_id: 'cust_7' });
  });

  it('reads the key from t.js?key=', async () => {
    const key = 'wk_query_key';
    const { page: p } = await newPage();
    await p.goto(`${pageOrigin}/k/${key}/landing?utm_source=x`);
    const [pv] = await waitForEvents(key, 1);
    expect(pv).toMatchObject({ type: 'pageview', url: `${pageOrigin}/k/${key}/landing?utm_source=x` });
  });

  it('warns and tracks nothing without a key or on file: pages', async () => {
    const noKey = await newPage();
    await noKey.page.goto(`${pageOrigin}/n/none/landing`);
    await noKey.page.waitForFunction(() => typeof window.rendement === 'function');
    await noKey.page.evaluate(() => window.rendement('track', 'ignored'));

    const dir = mkdtempSync(join(tmpdir(), 'rdm-snippet-'));
    try {
      const file = join(dir, 'page.html');
      writeFileSync(file, page(`<script async src="${jsOrigin}/t.js" data-key="wk_file"></script>`));
      const filePage = await newPage();
      await filePage.page.goto(pathToFileURL(file).href);
      await filePage.page.waitForFunction(() => typeof window.rendement === 'function');
      await filePage.page.evaluate(() => window.rendement('track', 'ignored'));
      await new Promise((r) => setTimeout(r, 500));

      expect(noKey.warnings).toEqual([expect.stringContaining('no write key')]);
      expect(filePage.warnings).toEqual([expect.stringContaining('file: pages are not tracked')]);
      expect(
        received.filter((r) => r.key === '' || r.key === 'wk_file' || r.event.url.includes('/n/none/')),
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves /t.js gzipped with a strong ETag, answering 304 when it matches', async () => {
    const plain = await fetch(`${jsOrigin}/t.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const code = await plain.text();

    const gz = await fetch(`${jsOrigin}/t.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(code); // fetch decompresses
    expect(Number(gz.headers.get('content-length') ?? 0)).toBeLessThan(2048);

    const notModified = await fetch(`${jsOrigin}/t.js`, { headers: { 'if-none-match': etag! } });
    expect(notModified.status).toBe(304);
  });
});

declare global {
  interface Window {
    rendement: (command: string, ...args: unknown[]) => unknown;
  }
}
