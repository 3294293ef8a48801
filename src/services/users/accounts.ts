import {
  UserExistsError,
  ValidationError,
  WorkspaceNotFoundError,
  type AppStore,
  type Invite,
  type Role,
  type User,
} from '../../store/ports.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

/** Sessions last two weeks from sign-in; signing in again starts a new one. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** Invite links work for a week. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** A refusal the HTTP layer and the CLI turn into their own answers: a stable code, a sentence, the field. */
export class AccountError extends Error {
  constructor(
    readonly code:
      | 'invalid_request'
      | 'user_exists'
      | 'workspace_not_found'
      | 'invite_invalid'
      | 'invite_expired'
      | 'invite_used'
      | 'wrong_password',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/**
 * Create a user with a role in a workspace (`rendement user create`, the demo user). The password
 * is hashed here with scrypt; the store only ever sees the hash.
 */
export async function createUserWithRole(
  app: AppStore,
  input: { email: string; password: string; workspaceId: string; role: Role; name?: string | null },
): Promise<{ user: User; role: Role }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError('invalid_request', `password ${problem}`, 'password');
  if (!(await app.getWorkspace(input.workspaceId)))
    throw new AccountError('workspace_not_found', `No workspace "${input.workspaceId}".`, 'workspace');
  try {
    const user = await app.createUser({
      email: input.email,
      name: input.name ?? null,
      password_hash: await hashPassword(input.password),
    });
    await app.setMembership(user.id, input.workspaceId, input.role);
    return { user, role: input.role };
  } catch (e) {
    throw translate(e);
  }
}

function translate(e: unknown): unknown {
  if (e instanceof UserExistsError) return new AccountError('user_exists', `${e.message}.`, 'email');
  if (e instanceof ValidationError) return new AccountError('invalid_request', e.message, e.field);
  if (e instanceof WorkspaceNotFoundError)
    return new AccountError('workspace_not_found', e.message, 'workspace');
  return e;
}

/** A hash of a password nobody has, so that unknown e-mail addresses cost as much time as known ones. */
let decoy: Promise<string> | undefined;

/**
 * Check e-mail and password; the user on success, null otherwise — the same answer, and about the
 * same time, whether the address is unknown or the password wrong (no account enumeration).
 * A hash made with weaker parameters than today's is replaced on success.
 */
export async function authenticate(app: AppStore, email: unknown, password: unknown): Promise<User | null> {
  if (typeof email !== 'string' || typeof password !== 'string') return null;
  const found = await app.findUserByEmail(email);
  decoy ??= hashPassword('decoy password that matches nothing');
  const { ok, needsRehash } = await verifyPassword(password, found?.password_hash ?? (await decoy));
  if (!found || !ok) return null;
  if (needsRehash) await app.setPasswordHash(found.id, await hashPassword(password));
  const { password_hash: _hash, ...user } = found;
  return user;
}

/** Start a session for a signed-in user; the token goes into the cookie and nowhere else. */
export async function startSession(
  app: AppStore,
  userId: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: string }> {
  await app.deleteSessions(userId); // tidy the user's expired sessions
  const expiresAt = new Date(now + SESSION_TTL_MS).toISOString();
  const { token } = await app.createSession(userId, expiresAt);
  return { token, expiresAt };
}

/** Invite someone by e-mail to a workspace with a role; the token goes into the invite link only. */
export async function inviteMember(
  app: AppStore,
  input: { workspaceId: string; email: string; role: Role; by: string },
  now = Date.now(),
): Promise<{ token: string; invite: Invite }> {
  try {
    return await app.createInvite({
      workspace_id: input.workspaceId,
      email: input.email,
      role: input.role,
      created_by: input.by,
      expires_at: new Date(now + INVITE_TTL_MS).toISOString(),
    });
  } catch (e) {
    throw translate(e);
  }
}

/**
 * Accept an invite: a new user chooses a password; someone who has an account already confirms
 * theirs. Each invite works once and until it expires.
 */
export async function acceptInvite(
  app: AppStore,
  input: { token: unknown; password: unknown; name?: unknown },
  now = Date.now(),
): Promise<{ user: User; invite: Invite }> {
  const invite = typeof input.token === 'string' ? await app.getInviteByToken(input.token) : null;
  if (!invite) throw new AccountError('invite_invalid', 'This invite link is not valid.', 'token');
  if (invite.accepted_at)
    throw new AccountError('invite_used', 'This invite has been used already.', 'token');
  if (Date.parse(invite.expires_at) <= now)
    throw new AccountError('invite_expired', 'This invite has expired; ask for a new one.', 'token');
  const password = typeof input.password === 'string' ? input.password : '';
  let user: User;
  const existing = await app.findUserByEmail(invite.email);
  if (existing) {
    if (!(await verifyPassword(password, existing.password_hash)).ok)
      throw new AccountError(
        'wrong_password',
        'You have an account already: enter its password to join this workspace.',
        'password',
      );
    const { password_hash: _h, ...rest } = existing;
    user = rest;
  } else {
    const problem = passwordProblem(input.password);
    if (problem) throw new AccountError('invalid_request', `password ${problem}`, 'password');
    const name = typeof input.name === 'string' ? input.name : null;
    try {
      user = await app.createUser({ email: invite.email, name, password_hash: await hashPassword(password) });
    } catch (e) {
      throw translate(e);
    }
  }
  if (!(await app.acceptInvite(invite.id)))
    throw new AccountError('invite_used', 'This invite has been used already.', 'token');
  await app.setMembership(user.id, invite.workspace_id, invite.role);
  return { user, invite };
}
