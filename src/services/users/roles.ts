import type { Role } from '../../store/ports.js';

/**
 * What a request may do: `read` (every GET), `write` (data: links, costs, imports, conversions),
 * `manage` (workspace settings, API keys, members and invites).
 */
export type Permission = 'read' | 'write' | 'manage';

const RIGHTS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'write', 'manage'],
  admin: ['read', 'write', 'manage'],
  analyst: ['read', 'write'],
  viewer: ['read'],
};

/** Viewers only look; analysts also change data; admins and owners also manage the workspace. */
export function can(role: Role, need: Permission): boolean {
  return RIGHTS[role].includes(need);
}

/** Rank for "may grant": nobody hands out a role above their own (only an owner makes owners). */
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

export function mayGrant(granter: Role, role: Role): boolean {
  return can(granter, 'manage') && RANK[role] <= RANK[granter];
}
