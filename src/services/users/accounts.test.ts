import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../store/app/index.js';
import type { AppStore, Workspace } from '../../store/ports.js';
import { acceptInvite, authenticate, createUserWithRole, inviteMember, startSession } from './accounts.js';

let dir: string;
let app: AppStore;
let ws: Workspace;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rdm-users-'));
  app = await openAppStore({ dataDir: dir });
  await app.migrate();
  ws = await app.createWorkspace({ name: 'Fietsen' });
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accounts', () => {
  it('creates a user with a role and signs them in; the same null for a wrong password or an unknown user', async () => {
    const { user } = await createUserWithRole(app, {
      email: 'Lotte@Fietsen.be',
      password: 'zomer-2026-fiets',
      workspaceId: ws.id,
      role: 'owner',
    });
    expect(await app.listMemberships(user.id)).toMatchObject([{ workspace_id: ws.id, role: 'owner' }]);
    expect(await authenticate(app, 'lotte@fietsen.be', 'zomer-2026-fiets')).toEqual(user);
    expect(await authenticate(app, 'lotte@fietsen.be', 'zomer-2026-fietS')).toBeNull();
    expect(await authenticate(app, 'nobody@fietsen.be', 'zomer-2026-fiets')).toBeNull();
    expect(await authenticate(app, undefined, undefined)).toBeNull();
    const { token, expiresAt } = await startSession(app, user.id, Date.parse('2026-11-25T00:00:00Z'));
    expect(expiresAt).toBe('2026-12-09T00:00:00.000Z');
    expect(await app.getSession(token)).toMatchObject({ user_id: user.id });
  });

  it('refuses a short password, a taken address, an unknown workspace — naming the field', async () => {
    const base = { email: 'a@b.be', password: 'long enough pw', workspaceId: ws.id, role: 'viewer' as const };
    await expect(createUserWithRole(app, { ...base, password: 'kort' })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'password',
    });
    await expect(createUserWithRole(app, { ...base, workspaceId: 'ws_nope' })).rejects.toMatchObject({
      code: 'workspace_not_found',
    });
    await createUserWithRole(app, base);
    await expect(createUserWithRole(app, base)).rejects.toMatchObject({
      code: 'user_exists',
      field: 'email',
    });
  });

  it('accepts an invite once, before it expires; an existing user confirms their password', async () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    const { token } = await inviteMember(
      app,
      { workspaceId: ws.id, email: 'nieuw@x.be', role: 'viewer', by: 'usr_1' },
      now,
    );
    await expect(acceptInvite(app, { token: 'nope', password: 'x' }, now)).rejects.toMatchObject({
      code: 'invite_invalid',
    });
    await expect(acceptInvite(app, { token, password: 'kort' }, now)).rejects.toMatchObject({
      field: 'password',
    });
    const { user, invite } = await acceptInvite(app, { token, password: 'een goed wachtwoord' }, now);
    expect(invite.role).toBe('viewer');
    expect(await app.listMemberships(user.id)).toMatchObject([{ workspace_id: ws.id, role: 'viewer' }]);
    await expect(acceptInvite(app, { token, password: 'een goed wachtwoord' }, now)).rejects.toMatchObject({
      code: 'invite_used',
    });

    const other = await app.createWorkspace({ name: 'Other' });
    const second = await inviteMember(
      app,
      { workspaceId: other.id, email: 'nieuw@x.be', role: 'analyst', by: 'u' },
      now,
    );
    // Eight days later the week is over.
    await expect(
      acceptInvite(app, { token: second.token, password: 'een goed wachtwoord' }, now + 8 * 86_400_000),
    ).rejects.toMatchObject({ code: 'invite_expired' });
    await expect(
      acceptInvite(app, { token: second.token, password: 'niet het wachtwoord' }, now),
    ).rejects.toMatchObject({
      code: 'wrong_password',
    });
    await acceptInvite(app, { token: second.token, password: 'een goed wachtwoord' }, now);
    expect((await app.listMemberships(user.id)).map((m) => m.role).sort()).toEqual(['analyst', 'viewer']);
  });
});
