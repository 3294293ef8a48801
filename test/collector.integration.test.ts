import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import { tempConfig } from './helpers.js';

const cfg = tempConfig();
let rt: Runtime;
let A: CreatedWorkspace;
let B: CreatedWorkspace;

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

async function post(url: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await rt.server.inject({
    method: 'POST',
    url,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'user-agent': UA,
      ...headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

beforeAll(async () => {
  rt = await openRuntime(cfg);
  const a = await createWorkspaceWithKeys(rt.app, { name: 'Shop A' });
  const b = await createWorkspaceWithKeys(rt.app, { name: 'Shop B' });
  if ('error' in a || 'error' in b) throw new Error('workspace setup failed');
  A = a;
  B = b;
});
afterAll(async () => {
  await rt?.close();
});

describe('POST /v1/events', () => {
  it('ingests, normalises, classifies and enriches; then the events query back', async () => {
    const now = Date.now();
    const res = await post(
      '/v1/events',
      A.write_key,
      {
        events: [
          {
            type: 'pageview',
            event_id: 'ev-1',
            visitor_id: 'vis-1',
            timestamp: now - 1000,
            url: 'https://shop.example.be/fietsen?utm_source=Google&utm_medium=CPC&utm_campaign=Brand%20BE&gclid=Cj0abc',
            referrer: 'https://www.google.be/',
            consent: { analytics: true, marketing: false },
          },
          {
            type: 'pageview',
            event_id: 'ev-2',
            visitor_id: 'vis-1',
            timestamp: now - 500,
            url: 'https://shop.example.be/fietsen/racefiets',
            referrer: 'https://shop.example.be/fietsen',
          },
          {
            type: 'custom',
            event_id: 'ev-3',
            visitor_id: 'vis-1',
            name: 'newsletter_open',
            props: { list: 'nl' },
            customer_id: 'cust-9',
          },
        ],
      },
      { 'x-forwarded-for': '1.1.1.1', 'cf-ipcountry': 'BE' },
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 3, rejected: [], duplicates: 0 });
    await rt.collector.flush();
    const rows = await rt.events.listTouchpoints(A.workspace.id);
    expect(rows).toHaveLength(3);
    const landing = rows.find((r) => r.event_id === 'ev-1')!;
    expect(landing).toMatchObject({
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'brand be',
      click_ids: { gclid: 'Cj0abc' },
      channel: 'Paid Search',
      host: 'shop.example.be',
      path: '/fietsen',
      referrer_host: 'www.google.be',
      touch: 1,
      device: 'desktop',
      browser: 'Chrome',
      is_bot: 0,
      country: 'BE',
      consent_analytics: 1,
      consent_marketing: 0,
    });
    expect(landing.ip).toMatch(/\.0$|::$|^$/);
    // Later pageviews of the same visit are not path steps.
    expect(rows.find((r) => r.event_id === 'ev-2')!.touch).toBe(0);
    expect(await rt.events.listIdentities(A.workspace.id)).toMatchObject([
      { visitor_id: 'vis-1', customer_id: 'cust-9' },
    ]);
  });

  it('drops a re-sent event id and keeps good items of a bad batch, naming the bad fields by index', async () => {
    const res = await post('/v1/events', A.write_key, {
      events: [
        { type: 'pageview', event_id: 'ev-1', visitor_id: 'vis-1', url: 'https://shop.example.be/' },
        { type: 'teleport', event_id: 'x', visitor_id: 'v' },
        { type: 'pageview', event_id: 'ev-4', visitor_id: 'vis-2', url: 'https://shop.example.be/' },
        { type: 'pageview', event_id: '', visitor_id: 'v', timestamp: 'yesterday' },
        'not an object',
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(2);
    expect(res.body.duplicates).toBe(1);
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 3, 4]);
    expect(res.body.rejected[0].errors).toEqual([expect.objectContaining({ field: 'type' })]);
    const fields = res.body.rejected[1].errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['event_id', 'timestamp']);
    await rt.collector.flush();
    const rows = await rt.events.listTouchpoints(A.workspace.id);
    expect(rows.filter((r) => r.event_id === 'ev-1')).toHaveLength(1);
    expect(rows.map((r) => r.event_id)).toContain('ev-4');
  });

  it('flags a clock far in the future instead of using it', async () => {
    const res = await post('/v1/events', A.write_key, {
      events: [
        {
          type: 'pageview',
          event_id: 'ev-future',
          visitor_id: 'v9',
          url: 'https://s.be/',
          timestamp: Date.now() + 86400_000 * 30,
        },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.warnings).toEqual([expect.objectContaining({ index: 0, field: 'timestamp' })]);
    await rt.collector.flush();
    const [row] = await rt.events.listTouchpoints(A.workspace.id, { visitorId: 'v9' });
    expect(row!.ts_flag).toBe('future');
    expect(Math.abs(row!.ts - Date.now())).toBeLessThan(60_000);
  });

  it('answers 400 when nothing is valid, 401 for unknown or wrong keys, 413 for oversize bodies', async () => {
    const none = await post('/v1/events', A.write_key, { events: [{ type: 'pageview' }] });
    expect(none.status).toBe(400);
    expect(none.body.rejected[0].errors.length).toBeGreaterThan(0);
    expect((await post('/v1/events', A.write_key, { nope: [] })).body.errors).toEqual([
      expect.objectContaining({ field: 'events' }),
    ]);
    expect((await post('/v1/events', A.write_key, '{"events": [')).status).toBe(400);
    expect((await post('/v1/events', 'rdm_pk_unknown', { events: [] })).status).toBe(401);
    expect((await post('/v1/events', A.secret_key, { events: [] })).status).toBe(401);
    const big = {
      events: [
        { type: 'custom', event_id: 'b', visitor_id: 'v', name: 'x', props: { s: 'x'.repeat(2_000_000) } },
      ],
    };
    expect((await post('/v1/events', A.write_key, big)).status).toBe(413);
    const tooMany = {
      events: Array.from({ length: 1001 }, (_, i) => ({
        type: 'pageview',
        event_id: `m${i}`,
        visitor_id: 'v',
        url: 'https://s.be/',
      })),
    };
    const many = await post('/v1/events', A.write_key, tooMany);
    expect(many.status).toBe(400);
    expect(many.body.errors[0].field).toBe('events');
  });

  it('accepts beacons sent as text/plain with the key in the query', async () => {
    const res = await rt.server.inject({
      method: 'POST',
      url: `/v1/events?key=${A.write_key}`,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        origin: 'https://shop.example.be',
        'user-agent': UA,
      },
      payload: JSON.stringify({
        events: [
          { type: 'pageview', event_id: 'beacon-1', visitor_id: 'vb', url: 'https://shop.example.be/' },
        ],
      }),
    });
    expect(res.statusCode).toBe(202);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.be');
  });
});

describe('POST /v1/conversions', () => {
  const order = {
    id: 'order-1001',
    type: 'purchase',
    value: 129.95,
    currency: 'eur',
    customer_id: 'cust-9',
    visitor_id: 'vis-1',
    email: '  Jan.Peeters@Example.BE ',
    discount_code: 'lotte10',
    timestamp: new Date().toISOString(),
  };

  it('is idempotent on id: the same order twice is one row', async () => {
    const first = await post('/v1/conversions', A.secret_key, { conversions: [order] });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await post('/v1/conversions', A.secret_key, { conversions: [order] });
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const rows = await rt.events.listConversions(A.workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      conversion_id: 'order-1001',
      value: '129.95',
      currency: 'EUR',
      status: 'completed',
      discount_code: 'LOTTE10',
      // sha256("jan.peeters@example.be"), computed with Python's hashlib
      email_sha256: 'f11664ddaada4cd0c143bebfc03e3af28531b6514518c2f4d8b096f3d1fd0ef1',
    });
    expect(JSON.stringify(rows)).not.toContain('Peeters');
  });

  it('a refund updates the same conversion and is recorded in its history', async () => {
    const res = await post('/v1/conversions', A.secret_key, {
      conversions: [{ id: 'order-1001', status: 'refunded' }],
    });
    expect(res.status).toBe(202);
    const rows = await rt.events.listConversions(A.workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'refunded',
      refunded_value: '129.95',
      value: '129.95',
      customer_id: 'cust-9',
    });
    const history = await rt.events.conversionHistory(A.workspace.id, 'order-1001');
    expect(history.map((h) => [h.change, h.status])).toEqual([
      ['created', 'completed'],
      ['updated', 'refunded'],
    ]);
  });

  it('rejects bad conversions by index and field; never sees another workspace’s orders', async () => {
    const res = await post('/v1/conversions', A.secret_key, {
      conversions: [
        { id: 'lead-1', type: 'lead' },
        { id: 'o-2', type: 'purchase', value: 10 },
        { id: 'o-3', type: 'purchase', value: -5, currency: 'EUR' },
        { id: 'o-4', type: 'purchase', value: 10, currency: 'EURO', margin: 1.5 },
        { type: 'lead' },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    const byIndex = Object.fromEntries(
      res.body.rejected.map((r: { index: number; errors: Array<{ field: string }> }) => [
        r.index,
        r.errors.map((e) => e.field).sort(),
      ]),
    );
    expect(byIndex).toEqual({ 1: ['currency'], 2: ['value'], 3: ['currency', 'margin'], 4: ['id'] });
    expect((await post('/v1/conversions', A.write_key, { conversions: [order] })).status).toBe(401);
    expect(await rt.events.listConversions(B.workspace.id)).toEqual([]);
    const bRes = await post('/v1/conversions', B.secret_key, { conversions: [{ ...order, value: 5 }] });
    expect(bRes.status).toBe(202);
    const aRows = await rt.events.listConversions(A.workspace.id);
    expect(aRows.find((r) => r.conversion_id === 'order-1001')!.value).toBe('129.95');
  });
});

describe('tracking links', () => {
  it('creates a link, records the click and redirects with UTM and click id', async () => {
    const created = await post('/v1/links', A.secret_key, {
      destination: 'https://shop.example.be/fietsen?ref=x',
      slug: 'lotte-zomer',
      utm_source: 'instagram',
      utm_medium: 'influencer',
      utm_campaign: 'zomer',
      partner: 'Lotte',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'lotte-zomer',
      url: 'http://rdm.test/r/lotte-zomer',
      destination: 'https://shop.example.be/fietsen?ref=x',
    });
    const res = await rt.server.inject({
      method: 'GET',
      url: '/r/lotte-zomer',
      headers: { 'user-agent': UA },
    });
    expect(res.statusCode).toBe(302);
    const loc = new URL(res.headers.location as string);
    expect(loc.origin + loc.pathname).toBe('https://shop.example.be/fietsen');
    expect(Object.fromEntries(loc.searchParams)).toMatchObject({
      ref: 'x',
      utm_source: 'instagram',
      utm_medium: 'influencer',
      utm_campaign: 'zomer',
    });
    const clickId = loc.searchParams.get('rdm_click')!;
    expect(clickId).toMatch(/^c_/);
    await rt.collector.flush();
    const [click] = (await rt.events.listTouchpoints(A.workspace.id)).filter((r) => r.type === 'click');
    expect(click).toMatchObject({
      click_id: clickId,
      link_slug: 'lotte-zomer',
      partner: 'lotte',
      channel: 'Influencer',
      touch: 1,
    });
    const list = await rt.server.inject({
      method: 'GET',
      url: '/v1/links',
      headers: { authorization: `Bearer ${A.secret_key}` },
    });
    expect(JSON.parse(list.body).links.map((l: { slug: string }) => l.slug)).toEqual(['lotte-zomer']);
    const listB = await rt.server.inject({
      method: 'GET',
      url: '/v1/links',
      headers: { authorization: `Bearer ${B.secret_key}` },
    });
    expect(JSON.parse(listB.body).links).toEqual([]);
  });

  it('never redirects to an unstored destination', async () => {
    for (const url of [
      '/r/unknown',
      '/r/unknown?to=https://evil.example',
      '/r/..%2F..%2Fevil',
      '/r/%2F%2Fevil.example',
    ]) {
      const res = await rt.server.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
    for (const destination of [
      'javascript:alert(1)',
      '//evil.example',
      'ftp://x.example/',
      'not a url',
      'data:text/html,hi',
    ]) {
      const res = await post('/v1/links', A.secret_key, { destination });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('destination');
    }
    const dup = await post('/v1/links', A.secret_key, { destination: 'https://x.be/', slug: 'lotte-zomer' });
    expect(dup.status).toBe(409);
  });
});

describe('keys and export', () => {
  it('stores secret keys only as hashes', () => {
    const db = readFileSync(join(cfg.dataDir, 'app.sqlite'));
    const wal = (() => {
      try {
        return readFileSync(join(cfg.dataDir, 'app.sqlite-wal'));
      } catch {
        return Buffer.alloc(0);
      }
    })();
    for (const ws of [A, B]) {
      expect(db.includes(ws.secret_key)).toBe(false);
      expect(wal.includes(ws.secret_key)).toBe(false);
    }
  });

  it('exports the key’s workspace only, as NDJSON with kinds', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await rt.server.inject({
      method: 'GET',
      url: `/v1/export/events?from=2020-01-01&to=${today}`,
      headers: { authorization: `Bearer ${B.secret_key}` },
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['conversion']);
    const resA = await rt.server.inject({
      method: 'GET',
      url: `/v1/export/events?from=2020-01-01&to=${today}`,
      headers: { authorization: `Bearer ${A.secret_key}` },
    });
    const linesA = resA.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(linesA.filter((l) => l.kind === 'touchpoint').length).toBeGreaterThanOrEqual(6);
    expect(linesA.find((l) => l.kind === 'conversion' && l.conversion_id === 'order-1001').status).toBe(
      'refunded',
    );
    const bad = await rt.server.inject({
      method: 'GET',
      url: '/v1/export/events?from=2026-05-01&to=2026-04-01',
      headers: { authorization: `Bearer ${A.secret_key}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0].field).toBe('from');
  });

  it('serves the snippet and an OpenAPI document', async () => {
    const js = await rt.server.inject({ method: 'GET', url: '/t.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const doc = JSON.parse((await rt.server.inject({ method: 'GET', url: '/v1/openapi.json' })).body);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/events',
        '/v1/conversions',
        '/v1/links',
        '/r/{slug}',
        '/v1/export/events',
      ]),
    );
  });
});

describe('workspace settings and keys', () => {
  const auth = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  const bearerOnly = (key: string) => ({ authorization: `Bearer ${key}` });

  it('restricts the origins the write key accepts, effective at once', async () => {
    const bad = await rt.server.inject({
      method: 'PATCH',
      url: '/v1/workspace',
      headers: auth(A.secret_key),
      payload: { allowed_origins: ['shop.example.be'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0].field).toBe('allowed_origins');
    const ok = await rt.server.inject({
      method: 'PATCH',
      url: '/v1/workspace',
      headers: auth(A.secret_key),
      payload: { allowed_origins: ['https://shop.example.be'], locale: 'nl-BE' },
    });
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body).workspace).toMatchObject({
      allowed_origins: ['https://shop.example.be'],
      locale: 'nl-BE',
    });
    const event = (id: string) =>
      JSON.stringify({
        events: [{ type: 'pageview', event_id: id, visitor_id: 'vo', url: 'https://shop.example.be/' }],
      });
    const from = (origin: string, id: string) =>
      rt.server.inject({
        method: 'POST',
        url: `/v1/events?key=${A.write_key}`,
        headers: { 'content-type': 'text/plain', origin },
        payload: event(id),
      });
    expect((await from('https://shop.example.be', 'o1')).statusCode).toBe(202);
    const refused = await from('https://evil.example', 'o2');
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body).error).toBe('origin_not_allowed');
  });

  it('creates, lists and revokes keys; a revoked key stops working; the last secret key stays', async () => {
    const created = await rt.server.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: auth(B.secret_key),
      payload: { kind: 'secret' },
    });
    expect(created.statusCode).toBe(201);
    const { key, record } = JSON.parse(created.body);
    expect(key).toMatch(/^rdm_sk_/);
    const list = JSON.parse(
      (await rt.server.inject({ method: 'GET', url: '/v1/keys', headers: bearerOnly(key) })).body,
    ).keys;
    expect(list.map((k: { kind: string }) => k.kind).sort()).toEqual(['secret', 'secret', 'write']);
    expect(JSON.stringify(list)).not.toContain(key);
    const original = list.find(
      (k: { id: string; kind: string }) => k.kind === 'secret' && k.id !== record.id,
    );
    const revoked = await rt.server.inject({
      method: 'DELETE',
      url: `/v1/keys/${original.id}`,
      headers: bearerOnly(key),
    });
    expect(revoked.statusCode).toBe(200);
    expect(
      (await rt.server.inject({ method: 'GET', url: '/v1/links', headers: bearerOnly(B.secret_key) }))
        .statusCode,
    ).toBe(401);
    const last = await rt.server.inject({
      method: 'DELETE',
      url: `/v1/keys/${record.id}`,
      headers: bearerOnly(key),
    });
    expect(last.statusCode).toBe(409);
    const otherWs = await rt.server.inject({
      method: 'DELETE',
      url: `/v1/keys/${record.id}`,
      headers: bearerOnly(A.secret_key),
    });
    expect(otherWs.statusCode).toBe(404);
  });
});
