import { describe, expect, it } from 'vitest';
import { can, mayGrant } from './roles.js';

describe('roles', () => {
  // The rights table of the dashboard issue: viewers read only; analysts change data; admins and owners manage.
  it.each([
    ['owner', true, true, true],
    ['admin', true, true, true],
    ['analyst', true, true, false],
    ['viewer', true, false, false],
  ] as const)('%s: read %s, write %s, manage %s', (role, read, write, manage) => {
    expect([can(role, 'read'), can(role, 'write'), can(role, 'manage')]).toEqual([read, write, manage]);
  });

  it.each([
    ['owner', 'owner', true],
    ['admin', 'owner', false],
    ['admin', 'admin', true],
    ['admin', 'viewer', true],
    ['analyst', 'viewer', false],
    ['viewer', 'viewer', false],
  ] as const)('%s may grant %s: %s', (granter, role, ok) => {
    expect(mayGrant(granter, role)).toBe(ok);
  });
});
