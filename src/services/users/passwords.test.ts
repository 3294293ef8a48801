import { scryptSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  parseHash,
  passwordProblem,
  randomPassword,
  SCRYPT_PARAMS,
  verifyPassword,
} from './passwords.js';

// Known answers: the scrypt test vectors of RFC 7914 section 12 (exact, byte for byte).
const RFC7914 = [
  {
    password: 'password',
    salt: 'NaCl',
    N: 1024,
    r: 8,
    p: 16,
    hex: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
  {
    password: 'pleaseletmein',
    salt: 'SodiumChloride',
    N: 16384,
    r: 8,
    p: 1,
    hex: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  },
];

const fast = { N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 };

describe('hashPassword / verifyPassword', () => {
  it.each(RFC7914)('stored hashes verify by the RFC 7914 vector ($password/$salt)', async (v) => {
    const key = Buffer.from(v.hex, 'hex');
    // Cross-check node's scrypt against the RFC, then verify a hash in our stored form built from it.
    expect(scryptSync(v.password, v.salt, 64, { N: v.N, r: v.r, p: v.p, maxmem: 256 * v.N * v.r })).toEqual(
      key,
    );
    const stored = `scrypt$${v.N}$${v.r}$${v.p}$${Buffer.from(v.salt).toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword(v.password, stored)).toEqual({ ok: true, needsRehash: true });
    expect((await verifyPassword(`${v.password}!`, stored)).ok).toBe(false);
  });

  it('uses the OWASP parameters by default and a fresh salt per hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(parseHash(a)).toMatchObject({ N: 32768, r: 8, p: 3 });
    expect(parseHash(a)?.salt).toHaveLength(SCRYPT_PARAMS.saltLength);
    expect(await verifyPassword('correct horse battery', a)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('correct horse batterY', a)).ok).toBe(false);
  });

  it('matches the same password typed in another Unicode form (NFKC)', async () => {
    const composed = 'café-wachtwoord'; // é as one code point
    const decomposed = 'cafe\u0301-wachtwoord'; // e + combining accent
    const h = await hashPassword(composed, fast);
    expect((await verifyPassword(decomposed, h)).ok).toBe(true);
  });

  it.each(['', 'bcrypt$x', 'scrypt$1000$8$1$c2FsdA$aGFzaA', 'scrypt$1024$8$1$$aGFzaA', 'scrypt$a$b$c$d$e'])(
    'no password matches a malformed hash %j',
    async (stored) => {
      expect(await verifyPassword('anything at all', stored)).toEqual({ ok: false, needsRehash: false });
    },
  );

  it('round-trips any password (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), async (pw) => {
        const h = await hashPassword(pw, fast);
        expect((await verifyPassword(pw, h)).ok).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});

describe('passwordProblem', () => {
  it.each([
    [undefined, 'is required'],
    ['short', 'must have at least 10 characters'],
    ['x'.repeat(257), 'must have at most 256 characters'],
    ['tien tekens', null],
  ])('%j → %j', (pw, problem) => {
    expect(passwordProblem(pw)).toBe(problem);
  });

  it('makes random passwords that pass', () => {
    const p = randomPassword();
    expect(p).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(passwordProblem(p)).toBeNull();
  });
});
