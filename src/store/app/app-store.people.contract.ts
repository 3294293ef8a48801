import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppStore } from '../ports.js';
import { UserExistsError, WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase } from './schema.js';

/**
 * The `AppStore` contract's people and plans: users, memberships, sessions and invites, goals and
 * experiments. Called inside appStoreContract's suite, which opens, migrates and closes the store
 * around each test; `current` gives that test's store, `rawDb` the database behind it.
 */
export function appStorePeopleContract(current: () => AppStore, rawDb: () => Kysely<AppDatabase>): void {
  let store: AppStore;
  beforeEach(() => {
    store = current();
  });

  describe('users, memberships, sessions and invites', () => {
    const HASH = 'scrypt$32768$8$3$c2FsdA$aGFzaA';

    it('creates users with a normalised e-mail address; refuses a taken or bad one', async () => {
      const u = await store.createUser({
        email: '  Lotte@Fietsen.BE ',
        name: 'Lotte',
        password_hash: HASH,
      });
      expect(u).toMatchObject({ email: 'lotte@fietsen.be', name: 'Lotte' });
      expect(u.id).toMatch(/^usr_[A-Za-z0-9]{16}$/);
      expect(await store.getUser(u.id)).toEqual(u);
      expect(await store.findUserByEmail('LOTTE@fietsen.be')).toEqual({ ...u, password_hash: HASH });
      expect(await store.findUserByEmail('nobody@fietsen.be')).toBeNull();
      await expect(
        store.createUser({ email: 'lotte@FIETSEN.be', password_hash: HASH }),
      ).rejects.toBeInstanceOf(UserExistsError);
      await expect(store.createUser({ email: 'not-an-address', password_hash: HASH })).rejects.toMatchObject({
        field: 'email',
      });
      // The store refuses anything that is not a hash: a password can never be stored in clear.
      await expect(
        store.createUser({ email: 'jan@fietsen.be', password_hash: 'hunter2' }),
      ).rejects.toMatchObject({ field: 'password_hash' });
      await store.setPasswordHash(u.id, 'scrypt$new');
      expect((await store.findUserByEmail(u.email))?.password_hash).toBe('scrypt$new');
    });

    it('gives one role per workspace, replaced on change, and lists members per workspace', async () => {
      const a = await store.createWorkspace({ name: 'A' });
      const b = await store.createWorkspace({ name: 'B' });
      const u = await store.createUser({ email: 'an@x.be', password_hash: HASH });
      const v = await store.createUser({ email: 'bo@x.be', password_hash: HASH });
      await store.setMembership(u.id, a.id, 'viewer');
      expect(await store.setMembership(u.id, a.id, 'admin')).toMatchObject({ role: 'admin' });
      await store.setMembership(u.id, b.id, 'owner');
      await store.setMembership(v.id, a.id, 'analyst');
      expect((await store.listMemberships(u.id)).map((m) => [m.workspace_id, m.role]).sort()).toEqual(
        [
          [a.id, 'admin'],
          [b.id, 'owner'],
        ].sort(),
      );
      expect((await store.listMembers(a.id)).map((m) => [m.email, m.role])).toEqual([
        ['an@x.be', 'admin'],
        ['bo@x.be', 'analyst'],
      ]);
      expect((await store.listMembers(b.id)).map((m) => m.email)).toEqual(['an@x.be']);
      await expect(store.setMembership(u.id, a.id, 'boss' as never)).rejects.toMatchObject({
        field: 'role',
      });
      await expect(store.setMembership(u.id, 'ws_missing', 'viewer')).rejects.toBeInstanceOf(
        WorkspaceNotFoundError,
      );
    });

    it('stores sessions by the hash of their token only, and ends them', async () => {
      const u = await store.createUser({ email: 'an@x.be', password_hash: HASH });
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const past = new Date(Date.now() - 1000).toISOString();
      const { token, session } = await store.createSession(u.id, later);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await store.getSession(token)).toEqual(session);
      expect(await store.getSession(`${token}x`)).toBeNull();
      expect(await store.getSession('')).toBeNull();
      const rows = await rawDb().selectFrom('sessions').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);

      const old = await store.createSession(u.id, past);
      // Expired sessions are still found, so that the caller can say "expired" rather than "unknown".
      expect(await store.getSession(old.token)).toMatchObject({ expires_at: past });
      await store.deleteSessions(u.id);
      expect(await store.getSession(old.token)).toBeNull();
      expect(await store.getSession(token)).not.toBeNull();
      await store.deleteSession(token);
      expect(await store.getSession(token)).toBeNull();
      const third = await store.createSession(u.id, later);
      await store.deleteSessions(u.id, { all: true });
      expect(await store.getSession(third.token)).toBeNull();
    });

    it('stores invites hashed, accepts each once, lists them per workspace', async () => {
      const a = await store.createWorkspace({ name: 'A' });
      const b = await store.createWorkspace({ name: 'B' });
      const expires_at = new Date(Date.now() + 86_400_000).toISOString();
      const { token, invite } = await store.createInvite({
        workspace_id: a.id,
        email: 'Nieuw@X.be',
        role: 'analyst',
        created_by: 'usr_1',
        expires_at,
      });
      expect(invite).toMatchObject({ email: 'nieuw@x.be', role: 'analyst', accepted_at: null });
      expect(await store.getInviteByToken(token)).toEqual(invite);
      expect(await store.getInviteByToken('nope')).toBeNull();
      const raw = await rawDb().selectFrom('invites').selectAll().execute();
      expect(JSON.stringify(raw)).not.toContain(token);
      expect(await store.acceptInvite(invite.id)).toBe(true);
      expect(await store.acceptInvite(invite.id)).toBe(false);
      expect((await store.getInviteByToken(token))?.accepted_at).toEqual(expect.any(String));
      expect((await store.listInvites(a.id)).map((i) => i.id)).toEqual([invite.id]);
      expect(await store.listInvites(b.id)).toEqual([]);
      await expect(
        store.createInvite({
          workspace_id: a.id,
          email: 'x@x.be',
          role: 'king' as never,
          created_by: 'u',
          expires_at,
        }),
      ).rejects.toMatchObject({ field: 'role' });
      await expect(
        store.createInvite({
          workspace_id: 'ws_missing',
          email: 'x@x.be',
          role: 'viewer',
          created_by: 'u',
          expires_at,
        }),
      ).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    });
  });

  describe('goals', () => {
    const goal = {
      name: '500 leads in Q2',
      kpi: 'leads',
      direction: 'at_least' as const,
      target: 500,
      from: '2026-04-01',
      to: '2026-06-30',
      filters: [{ dimension: 'channel', values: ['Paid Search', 'Paid Social'] }],
      model: null,
    };
    it('creates, reads, updates, deletes, scoped to the workspace', async () => {
      const a = await store.createWorkspace({ name: 'A' });
      const b = await store.createWorkspace({ name: 'B' });
      const g = await store.createGoal(a.id, goal);
      expect(g).toMatchObject({ ...goal, workspace_id: a.id, id: expect.stringMatching(/^goal_/) });
      expect(await store.getGoal(a.id, g.id)).toEqual(g);
      expect(await store.getGoal(b.id, g.id)).toBeNull();
      expect(await store.listGoals(b.id)).toEqual([]);
      const cpl = await store.createGoal(a.id, {
        ...goal,
        name: 'CPL',
        kpi: 'cpl',
        direction: 'at_most',
        target: 24.5,
        from: '2026-03-01',
        filters: [],
        model: 'linear',
      });
      expect((await store.listGoals(a.id)).map((x) => x.name)).toEqual(['CPL', '500 leads in Q2']);
      expect(await store.updateGoal(b.id, g.id, { target: 1 })).toBeNull();
      const up = await store.updateGoal(a.id, g.id, { target: 600, name: '600 leads' });
      expect(up).toMatchObject({ target: 600, name: '600 leads', kpi: 'leads', filters: goal.filters });
      expect((await store.getGoal(a.id, cpl.id))?.target).toBe(24.5);
      expect(await store.deleteGoal(b.id, g.id)).toBe(false);
      expect(await store.deleteGoal(a.id, g.id)).toBe(true);
      expect(await store.getGoal(a.id, g.id)).toBeNull();
      await expect(store.createGoal('ws_missing', goal)).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    });
  });
  describe('experiments', () => {
    const exp = {
      key: 'hero-test',
      name: 'Hero image test',
      hypothesis: 'A product photo converts better than the lifestyle shot',
      variants: [
        { name: 'control', allocation: 0.5 },
        { name: 'photo', allocation: 0.5 },
      ],
      primary_metric: 'conversion_rate' as const,
      secondary_metrics: ['revenue_per_visitor' as const],
      guardrail_metrics: ['aov' as const],
      conversion_type: 'purchase',
      from: '2026-04-01',
      to: null,
      status: 'running' as const,
    };
    it('creates, reads, updates, deletes, scoped to the workspace', async () => {
      const a = await store.createWorkspace({ name: 'A' });
      const b = await store.createWorkspace({ name: 'B' });
      const e = await store.createExperiment(a.id, exp);
      expect(e).toMatchObject({ ...exp, workspace_id: a.id, id: expect.stringMatching(/^exp_/) });
      expect(await store.getExperiment(a.id, e.id)).toEqual(e);
      expect(await store.getExperiment(b.id, e.id)).toBeNull();
      expect(await store.listExperiments(b.id)).toEqual([]);
      const later = await store.createExperiment(a.id, {
        ...exp,
        key: 'cta',
        name: 'CTA',
        from: '2026-05-01',
      });
      expect((await store.listExperiments(a.id)).map((x) => x.name)).toEqual(['CTA', 'Hero image test']);
      expect(await store.updateExperiment(b.id, e.id, { status: 'stopped' })).toBeNull();
      const up = await store.updateExperiment(a.id, e.id, {
        status: 'completed',
        to: '2026-04-30',
        hypothesis: null,
      });
      expect(up).toMatchObject({
        status: 'completed',
        to: '2026-04-30',
        hypothesis: null,
        variants: exp.variants,
      });
      expect((await store.getExperiment(a.id, later.id))?.status).toBe('running');
      expect(await store.deleteExperiment(b.id, e.id)).toBe(false);
      expect(await store.deleteExperiment(a.id, e.id)).toBe(true);
      expect(await store.getExperiment(a.id, e.id)).toBeNull();
      await expect(store.createExperiment('ws_missing', exp)).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    });
  });
}
