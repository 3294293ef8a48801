import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppStore } from '../src/store/app/index.js';
import { authenticate } from '../src/services/users/index.js';
import { childEnv, cli, tempConfig } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const { dataDir } = tempConfig();

function userCreate(args: string[], password: string) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--data-dir',
      dataDir,
      'user',
      'create',
      '--password-stdin',
      ...args,
    ],
    { cwd: ROOT, env: childEnv(dataDir), input: `${password}\n`, encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rendement user create', () => {
  it('creates the first user of a workspace, who can then sign in', async () => {
    expect(cli(dataDir, ['workspace', 'create', 'Fietsen & Co']).code).toBe(0);
    const ok = userCreate(
      ['--email', 'Lotte@Fietsen.be', '--workspace', 'Fietsen & Co'],
      'zomer-campagne-2026',
    );
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/lotte@fietsen\.be .* is owner of "Fietsen & Co"/);
    const app = await openAppStore({ dataDir });
    try {
      await app.migrate();
      expect(await authenticate(app, 'lotte@fietsen.be', 'zomer-campagne-2026')).toMatchObject({
        email: 'lotte@fietsen.be',
      });
    } finally {
      await app.close();
    }
  });

  it.each([
    [['--email', 'jan@fietsen.be', '--workspace', 'Fietsen & Co'], 'kort', /password must have at least 10/],
    [['--email', 'jan@fietsen.be', '--workspace', 'Nope'], 'lang genoeg wachtwoord', /No workspace "Nope"/],
    [
      ['--email', 'jan@fietsen.be', '--workspace', 'Fietsen & Co', '--role', 'boss'],
      'lang genoeg wachtwoord',
      /--role must be one of owner, admin, analyst, viewer/,
    ],
    [
      ['--email', 'lotte@fietsen.be', '--workspace', 'Fietsen & Co'],
      'lang genoeg wachtwoord',
      /already exists/,
    ],
  ])('refuses %j with a clear message', (args, pw, message) => {
    const r = userCreate(args, pw);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
