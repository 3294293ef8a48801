import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { randomId } from '../../core/ids.js';
import {
  ROLES,
  type Invite,
  type Member,
  type Membership,
  type NewInvite,
  type NewUser,
  type Role,
  type Session,
  type User,
} from '../ports.js';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-errors.js';
import { UserExistsError, ValidationError, WorkspaceNotFoundError } from './errors.js';
import { hashKey } from './keys.js';
import type { AppDatabase } from './schema.js';

/** Deliberately loose (RFC 5322 is not worth parsing): one `@`, something on each side, a dot in the domain. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TOKEN_LENGTH = 256;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: unknown): string {
  if (typeof email !== 'string' || !EMAIL.test(email.trim()) || email.length > 254)
    throw new ValidationError('email', 'must be an e-mail address such as lotte@example.be');
  return normaliseEmail(email);
}

function checkRole(role: unknown): Role {
  if (!ROLES.includes(role as Role)) throw new ValidationError('role', `must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** 256 random bits, URL-safe: the session cookie and the invite link carry it. */
const newToken = (): string => randomBytes(32).toString('base64url');

export async function createUser(db: Kysely<AppDatabase>, input: NewUser): Promise<User> {
  const email = checkEmail(input.email);
  if (typeof input.password_hash !== 'string' || !input.password_hash.startsWith('scrypt$'))
    throw new ValidationError('password_hash', 'must be a hash made by services/users');
  const user: User = {
    id: `usr_${randomId(16)}`,
    email,
    name: input.name?.trim() || null,
    created_at: new Date().toISOString(),
  };
  try {
    await db
      .insertInto('users')
      .values({ ...user, password_hash: input.password_hash })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserExistsError(email);
    throw err;
  }
  return user;
}

export async function getUser(db: Kysely<AppDatabase>, id: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function findUserByEmail(
  db: Kysely<AppDatabase>,
  email: string,
): Promise<(User & { password_hash: string }) | null> {
  if (typeof email !== 'string') return null;
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ?? null;
}

export async function setPasswordHash(
  db: Kysely<AppDatabase>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function setMembership(
  db: Kysely<AppDatabase>,
  userId: string,
  workspaceId: string,
  role: Role,
): Promise<Membership> {
  const m: Membership = {
    user_id: userId,
    workspace_id: workspaceId,
    role: checkRole(role),
    created_at: new Date().toISOString(),
  };
  try {
    await db
      .insertInto('memberships')
      .values(m)
      .onConflict((oc) => oc.columns(['user_id', 'workspace_id']).doUpdateSet({ role: m.role }))
      .execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(workspaceId);
    throw err;
  }
  const row = await db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row;
}

export async function listMemberships(db: Kysely<AppDatabase>, userId: string): Promise<Membership[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('workspace_id')
    .execute();
}

export async function listMembers(db: Kysely<AppDatabase>, workspaceId: string): Promise<Member[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.created_at', 'memberships.role'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
}

export async function createSession(
  db: Kysely<AppDatabase>,
  userId: string,
  expiresAt: string,
): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session: Session = { user_id: userId, created_at: new Date().toISOString(), expires_at: expiresAt };
  await db
    .insertInto('sessions')
    .values({ ...session, token_hash: hashKey(token) })
    .execute();
  return { token, session };
}

export async function getSession(db: Kysely<AppDatabase>, token: string): Promise<Session | null> {
  if (typeof token !== 'string' || !token || token.length > MAX_TOKEN_LENGTH) return null;
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'created_at', 'expires_at'])
    .where('token_hash', '=', hashKey(token))
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteSession(db: Kysely<AppDatabase>, token: string): Promise<void> {
  if (typeof token !== 'string' || !token || token.length > MAX_TOKEN_LENGTH) return;
  await db.deleteFrom('sessions').where('token_hash', '=', hashKey(token)).execute();
}

export async function deleteSessions(
  db: Kysely<AppDatabase>,
  userId: string,
  opts: { all?: boolean } = {},
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (!opts.all) q = q.where('expires_at', '<=', new Date().toISOString());
  await q.execute();
}

export async function createInvite(
  db: Kysely<AppDatabase>,
  input: NewInvite,
): Promise<{ token: string; invite: Invite }> {
  const token = newToken();
  if (Number.isNaN(Date.parse(input.expires_at)))
    throw new ValidationError('expires_at', 'must be an ISO 8601 time');
  const invite: Invite = {
    id: `inv_${randomId(16)}`,
    workspace_id: input.workspace_id,
    email: checkEmail(input.email),
    role: checkRole(input.role),
    created_by: input.created_by,
    created_at: new Date().toISOString(),
    expires_at: input.expires_at,
    accepted_at: null,
  };
  try {
    await db
      .insertInto('invites')
      .values({ ...invite, token_hash: hashKey(token) })
      .execute();
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(input.workspace_id);
    throw err;
  }
  return { token, invite };
}

export async function getInviteByToken(db: Kysely<AppDatabase>, token: string): Promise<Invite | null> {
  if (typeof token !== 'string' || !token || token.length > MAX_TOKEN_LENGTH) return null;
  const row = await db
    .selectFrom('invites')
    .select(['id', 'workspace_id', 'email', 'role', 'created_by', 'created_at', 'expires_at', 'accepted_at'])
    .where('token_hash', '=', hashKey(token))
    .executeTakeFirst();
  return row ?? null;
}

export async function acceptInvite(db: Kysely<AppDatabase>, id: string): Promise<boolean> {
  // One conditional update: of two concurrent uses of the same link only one wins.
  const r = await db
    .updateTable('invites')
    .set({ accepted_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listInvites(db: Kysely<AppDatabase>, workspaceId: string): Promise<Invite[]> {
  return db
    .selectFrom('invites')
    .select(['id', 'workspace_id', 'email', 'role', 'created_by', 'created_at', 'expires_at', 'accepted_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
}
