import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldErrors } from '../../core/schemas/index.js';
import {
  AccountError,
  acceptInvite,
  authenticate,
  createUserWithRole,
  inviteMember,
  mayGrant,
  startSession,
} from '../../services/users/index.js';
import { ROLES, type AppStore, type Role, type User } from '../../store/ports.js';
import { isAdmin, requireAccess } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';
import { FailureLimiter } from '../rate-limit.js';
import {
  clearSessionCookie,
  csrfOk,
  csrfToken,
  lookupSession,
  sameOrigin,
  sessionCookie,
  setSessionCookie,
} from '../sessions.js';

const signInBody = z.object({ email: z.string().max(254), password: z.string().max(1024) });
const inviteBody = z.object({
  email: z.string().trim().min(3, 'must be an e-mail address').max(254),
  role: z.enum(ROLES as [Role, ...Role[]], { message: `must be one of ${ROLES.join(', ')}` }),
});
const acceptBody = z.object({
  token: z.string().min(1).max(256),
  password: z.string().max(1024),
  name: z.string().max(200).optional(),
});
const adminUserBody = z.object({
  email: z.string(),
  password: z.string(),
  workspace: z.string().min(1, 'must name a workspace (its name or id)'),
  role: z
    .enum(ROLES as [Role, ...Role[]], { message: `must be one of ${ROLES.join(', ')}` })
    .default('owner'),
  name: z.string().max(200).optional(),
});

/** What the dashboard needs about the signed-in user: who, where they are a member and as what. */
async function meView(app: AppStore, user: User, token: string) {
  const memberships = await app.listMemberships(user.id);
  const workspaces = [];
  for (const m of memberships) {
    const ws = await app.getWorkspace(m.workspace_id);
    if (ws)
      workspaces.push({
        id: ws.id,
        name: ws.name,
        base_currency: ws.base_currency,
        time_zone: ws.time_zone,
        locale: ws.locale,
        role: m.role,
      });
  }
  return { user, workspaces, csrf_token: csrfToken(token) };
}

const accountStatus: Record<AccountError['code'], number> = {
  invalid_request: 400,
  user_exists: 409,
  workspace_not_found: 404,
  invite_invalid: 404,
  invite_expired: 410,
  invite_used: 409,
  wrong_password: 401,
};

function sendAccountError(reply: FastifyReply, e: AccountError) {
  return sendError(
    reply,
    accountStatus[e.code],
    e.code,
    e.message,
    e.field ? [{ field: e.field, reason: e.message }] : undefined,
  );
}

/**
 * Sign-in, sign-out, the current user, members and invites. Sign-in failures are counted per
 * client address (30 per 15 minutes) and per e-mail address (10 per 15 minutes): enough for typos,
 * far too few for guessing; a blocked client gets 429 with Retry-After.
 */
export function userRoutes(server: FastifyInstance, ctx: HttpContext): void {
  const byIp = new FailureLimiter(30, 15 * 60_000);
  const byEmail = new FailureLimiter(10, 15 * 60_000);

  async function signedIn(req: FastifyRequest, reply: FastifyReply, user: User) {
    const { token, expiresAt } = await startSession(ctx.app, user.id);
    setSessionCookie(req, reply, token, expiresAt);
    return meView(ctx.app, user, token);
  }

  server.post('/v1/auth/sign-in', async (req, reply) => {
    // Login CSRF: a foreign page must not sign a browser into an account of the attacker's.
    if (!sameOrigin(req))
      return sendError(reply, 403, 'csrf_failed', 'Sign in from the Rendement dashboard.');
    const parsed = signInBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    const email = parsed.data.email.trim().toLowerCase();
    const wait = Math.max(byIp.retryAfter(`ip:${req.ip}`), byEmail.retryAfter(`email:${email}`));
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendError(
        reply,
        429,
        'too_many_attempts',
        `Too many sign-in attempts; try again in ${Math.ceil(wait / 60)} minute(s).`,
      );
    }
    const user = await authenticate(ctx.app, email, parsed.data.password);
    if (!user) {
      byIp.fail(`ip:${req.ip}`);
      byEmail.fail(`email:${email}`);
      // One answer for an unknown address and a wrong password: no hint whether the account exists.
      return sendError(reply, 401, 'invalid_credentials', 'The e-mail address or the password is wrong.');
    }
    byEmail.reset(`email:${email}`);
    return signedIn(req, reply, user);
  });

  server.post('/v1/auth/sign-out', async (req, reply) => {
    const token = sessionCookie(req);
    if (token) {
      if (!csrfOk(req, token))
        return sendError(reply, 403, 'csrf_failed', 'Missing or wrong CSRF token; reload the page.');
      await ctx.app.deleteSession(token);
    }
    clearSessionCookie(reply);
    return { signed_out: true };
  });

  server.get('/v1/auth/me', async (req, reply) => {
    const found = await lookupSession(ctx.app, req);
    if (found.status !== 'ok') {
      if (found.status !== 'none') clearSessionCookie(reply);
      return sendError(
        reply,
        401,
        found.status === 'expired' ? 'session_expired' : 'unauthorized',
        found.status === 'expired' ? 'Your session has expired; sign in again.' : 'You are not signed in.',
      );
    }
    const user = await ctx.app.getUser(found.session.user_id);
    if (!user) return sendError(reply, 401, 'unauthorized', 'You are not signed in.');
    return meView(ctx.app, user, found.token);
  });

  server.post('/v1/auth/accept-invite', async (req, reply) => {
    if (!sameOrigin(req)) return sendError(reply, 403, 'csrf_failed', 'Accept the invite in the dashboard.');
    const parsed = acceptBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    try {
      const { user } = await acceptInvite(ctx.app, parsed.data);
      return await signedIn(req, reply, user);
    } catch (e) {
      if (e instanceof AccountError) return sendAccountError(reply, e);
      throw e;
    }
  });

  server.get('/v1/members', async (req, reply) => {
    const who = await requireAccess(ctx.keys, req, reply, 'read');
    if (!who) return reply;
    const members = await ctx.app.listMembers(who.ws.id);
    const manage = who.role === null || who.role === 'owner' || who.role === 'admin';
    return { members, invites: manage ? await ctx.app.listInvites(who.ws.id) : [] };
  });

  server.post('/v1/invites', async (req, reply) => {
    const who = await requireAccess(ctx.keys, req, reply, 'manage');
    if (!who) return reply;
    const parsed = inviteBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    if (who.role && !mayGrant(who.role, parsed.data.role))
      return sendError(
        reply,
        403,
        'forbidden',
        `Your role (${who.role}) cannot invite an ${parsed.data.role}.`,
        [{ field: 'role', reason: 'is above your own role' }],
      );
    try {
      const { token, invite } = await inviteMember(ctx.app, {
        workspaceId: who.ws.id,
        email: parsed.data.email,
        role: parsed.data.role,
        by: who.by,
      });
      const url = `${ctx.publicUrl.replace(/\/$/, '')}/accept-invite?token=${encodeURIComponent(token)}`;
      return reply.code(201).send({ invite, url });
    } catch (e) {
      if (e instanceof AccountError) return sendAccountError(reply, e);
      throw e;
    }
  });

  /** `rendement user create` while a server owns the data directory (admin token). */
  server.post('/v1/admin/users', async (req, reply) => {
    if (!isAdmin(ctx.adminToken, req)) return sendError(reply, 401, 'unauthorized', 'Admin token required.');
    const parsed = adminUserBody.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, fieldErrors(parsed.error));
    const ws =
      (await ctx.app.findWorkspaceByName(parsed.data.workspace)) ??
      (await ctx.app.getWorkspace(parsed.data.workspace));
    if (!ws)
      return sendError(reply, 404, 'workspace_not_found', `No workspace "${parsed.data.workspace}".`, [
        { field: 'workspace', reason: 'names no workspace' },
      ]);
    try {
      const created = await createUserWithRole(ctx.app, {
        email: parsed.data.email,
        password: parsed.data.password,
        workspaceId: ws.id,
        role: parsed.data.role,
        name: parsed.data.name ?? null,
      });
      return reply.code(201).send({ ...created, workspace: { id: ws.id, name: ws.name } });
    } catch (e) {
      if (e instanceof AccountError) return sendAccountError(reply, e);
      throw e;
    }
  });
}
