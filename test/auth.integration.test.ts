import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createUserWithRole } from '../src/services/users/index.js';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../src/services/workspaces.js';
import { tempConfig } from './helpers.js';

const cfg = tempConfig();
let rt: Runtime;
let A: CreatedWorkspace;
let B: CreatedWorkspace;
const PW = 'fietsen-zomer-2026';

beforeAll(async () => {
  rt = await openRuntime(cfg);
  const a = await createWorkspaceWithKeys(rt.app, { name: 'Shop A' });
  const b = await createWorkspaceWithKeys(rt.app, { name: 'Shop B' });
  if ('error' in a || 'error' in b) throw new Error('workspace setup failed');
  A = a;
  B = b;
  for (const [email, role] of [
    ['owner@a.be', 'owner'],
    ['analyst@a.be', 'analyst'],
    ['viewer@a.be', 'viewer'],
  ] as const)
    await createUserWithRole(rt.app, { email, password: PW, workspaceId: A.workspace.id, role });
});
afterAll(async () => {
  await rt?.close();
});

interface Signed {
  cookie: string;
  csrf: string;
}

async function signIn(email: string, password = PW, ip = '10.0.0.1') {
  const res = await rt.server.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
  const set = res.cookies.find((c) => c.name === 'rdm_session');
  return {
    res,
    set,
    body: res.json() as { csrf_token: string; workspaces: Array<{ id: string; role: string }> },
  };
}

async function as(
  s: Signed,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  extra = {},
) {
  const res = await rt.server.inject({
    method,
    url,
    headers: {
      cookie: `rdm_session=${s.cookie}`,
      'x-csrf-token': s.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...extra,
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

async function session(email: string): Promise<Signed> {
  const { set, body } = await signIn(email);
  if (!set) throw new Error(`no session for ${email}`);
  return { cookie: set.value, csrf: body.csrf_token };
}

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and answers who and where', async () => {
    const { res, set, body } = await signIn('Owner@A.be');
    expect(res.statusCode).toBe(200);
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(body.workspaces).toEqual([expect.objectContaining({ id: A.workspace.id, role: 'owner' })]);
    const me = await as({ cookie: set!.value, csrf: body.csrf_token }, 'GET', '/v1/auth/me');
    expect(me.body.user.email).toBe('owner@a.be');
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await signIn('owner@a.be', 'not the password', '10.0.0.2');
    const unknown = await signIn('nobody@a.be', PW, '10.0.0.2');
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.res.json()).toEqual(unknown.res.json());
    expect(wrong.res.json().message).toBe('The e-mail address or the password is wrong.');
  });

  it('blocks an address after 10 failures in 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 10; i++)
      expect((await signIn('analyst@a.be', 'guess-' + i, `10.1.0.${i}`)).res.statusCode).toBe(401);
    const blocked = await signIn('analyst@a.be', PW, '10.1.1.1');
    expect(blocked.res.statusCode).toBe(429);
    expect(Number(blocked.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.res.json().error).toBe('too_many_attempts');
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const res = await rt.server.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: JSON.stringify({ email: 'owner@a.be', password: PW }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('says when a session has expired, and signs out', async () => {
    const user = await rt.app.findUserByEmail('owner@a.be');
    const { token } = await rt.app.createSession(user!.id, new Date(Date.now() - 1000).toISOString());
    const expired = await as({ cookie: token, csrf: '' }, 'GET', '/v1/links');
    expect(expired).toMatchObject({ status: 401, body: { error: 'session_expired' } });
    expect(expired.body.message).toMatch(/expired; sign in again/);

    const s = await session('owner@a.be');
    expect((await as(s, 'POST', '/v1/auth/sign-out', {})).status).toBe(200);
    expect((await as(s, 'GET', '/v1/links')).status).toBe(401);
  });
});

describe('roles and CSRF on the API', () => {
  it('lets a viewer read and refuses every change (links, costs, keys, workspace, invites)', async () => {
    const v = await session('viewer@a.be');
    expect((await as(v, 'GET', '/v1/links')).status).toBe(200);
    expect((await as(v, 'GET', '/v1/costs/imports')).status).toBe(200);
    const refused = [
      await as(v, 'POST', '/v1/links', { destination: 'https://shop.example.be/' }),
      await as(v, 'POST', '/v1/costs/imports/imp_x/undo', {}),
      await as(v, 'POST', '/v1/keys', { kind: 'secret' }),
      await as(v, 'PATCH', '/v1/workspace', { locale: 'fr-BE' }),
      await as(v, 'POST', '/v1/invites', { email: 'x@a.be', role: 'viewer' }),
    ];
    for (const r of refused) expect(r).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(refused[0]?.body.message).toMatch(/look, not change/);
  });

  it('lets an analyst change data but not manage the workspace', async () => {
    const s = await session('owner@a.be'); // the analyst is rate-limited by the test above
    const analyst = await rt.app.findUserByEmail('analyst@a.be');
    await rt.app.setMembership(analyst!.id, A.workspace.id, 'analyst');
    const { token } = await rt.app.createSession(analyst!.id, new Date(Date.now() + 60_000).toISOString());
    const { csrfToken } = await import('../src/http/sessions.js');
    const an = { cookie: token, csrf: csrfToken(token) };
    expect((await as(an, 'POST', '/v1/links', { destination: 'https://shop.example.be/x' })).status).toBe(
      201,
    );
    expect((await as(an, 'POST', '/v1/keys', { kind: 'secret' })).status).toBe(403);
    expect((await as(s, 'POST', '/v1/keys', { kind: 'write' })).status).toBe(201);
  });

  it('refuses a session write without the CSRF token or from another origin', async () => {
    const s = await session('owner@a.be');
    const noToken = await as({ ...s, csrf: '' }, 'POST', '/v1/links', {
      destination: 'https://shop.example.be/',
    });
    expect(noToken).toMatchObject({ status: 403, body: { error: 'csrf_failed' } });
    const foreign = await as(
      s,
      'POST',
      '/v1/links',
      { destination: 'https://shop.example.be/' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    // Reads need no token (nothing changes).
    expect((await as({ ...s, csrf: '' }, 'GET', '/v1/links')).status).toBe(200);
  });

  it('keeps a member out of workspaces they do not belong to', async () => {
    const s = await session('owner@a.be');
    const other = await as(s, 'GET', '/v1/links', undefined, { 'x-rendement-workspace': B.workspace.id });
    expect(other.status).toBe(403);
  });

  it('still takes the secret key for everything', async () => {
    const res = await rt.server.inject({
      method: 'GET',
      url: '/v1/keys',
      headers: { authorization: `Bearer ${A.secret_key}` },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('invites', () => {
  it('invites a viewer who accepts, is signed in, and can only read', async () => {
    const owner = await session('owner@a.be');
    const inv = await as(owner, 'POST', '/v1/invites', { email: 'nieuw@a.be', role: 'viewer' });
    expect(inv.status).toBe(201);
    const token = new URL(inv.body.url).searchParams.get('token');
    expect(inv.body.url).toMatch(/^http:\/\/rdm\.test\/accept-invite\?token=/);
    const res = await rt.server.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token, password: 'mijn nieuw wachtwoord' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().workspaces).toEqual([expect.objectContaining({ id: A.workspace.id, role: 'viewer' })]);
    const again = await rt.server.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token, password: 'mijn nieuw wachtwoord' }),
    });
    expect(again.json()).toMatchObject({ error: 'invite_used' });
    const members = await as(owner, 'GET', '/v1/members');
    expect(members.body.members.map((m: { email: string }) => m.email)).toContain('nieuw@a.be');
  });
});

describe('the dashboard', () => {
  it('serves the single-page app for deep links and keeps JSON 404s under /v1', async () => {
    const page = await rt.server.inject({ method: 'GET', url: '/links?from=2026-11-01' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/(html|plain)/);
    const api = await rt.server.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('not_found');
  });
});
