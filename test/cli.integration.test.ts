import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, cli, tempConfig } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

describe('CLI without a server (opens the stores itself)', () => {
  const { dataDir } = tempConfig();
  let secret = '';

  it('creates a workspace and prints its keys as JSON', () => {
    const r = cli(dataDir, ['workspace', 'create', 'Fietsen & Co', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({
      name: 'Fietsen & Co',
      id: expect.stringMatching(/^ws_/),
      write_key: expect.stringMatching(/^rdm_pk_/),
      secret_key: expect.stringMatching(/^rdm_sk_/),
    });
    secret = out.secret_key;
    const again = cli(dataDir, ['workspace', 'create', 'Fietsen & Co']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    const bad = cli(dataDir, ['workspace', 'create', 'X', '--currency', 'EURO']);
    expect(bad.err).toMatch(/currency/);
  });

  it('creates and lists tracking links; refuses bad input with the flag named', () => {
    const r = cli(
      dataDir,
      [
        'links',
        'create',
        '--destination',
        'https://shop.example.be/zomer',
        '--slug',
        'zomer',
        '--utm-source',
        'newsletter',
        '--json',
      ],
      { RENDEMENT_API_KEY: secret },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      slug: 'zomer',
      url: 'http://localhost:8080/r/zomer',
      destination: 'https://shop.example.be/zomer',
    });
    const csv = cli(dataDir, ['links', 'list', '--format', 'csv'], { RENDEMENT_API_KEY: secret });
    expect(csv.out.split('\n')[0]).toBe(
      'slug,url,destination,utm_source,utm_medium,utm_campaign,partner,created_at',
    );
    expect(csv.out).toContain('zomer,http://localhost:8080/r/zomer,https://shop.example.be/zomer,newsletter');
    const bad = cli(dataDir, ['links', 'create', '--destination', 'javascript:alert(1)'], {
      RENDEMENT_API_KEY: secret,
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--destination: must be an absolute http:// or https:// URL');
    const noKey = cli(dataDir, ['links', 'list']);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/RENDEMENT_API_KEY/);
    const wrongKey = cli(dataDir, ['links', 'list'], { RENDEMENT_API_KEY: 'rdm_sk_nope' });
    expect(wrongKey.code).toBe(3);
  });

  it('updates the workspace and rotates keys', () => {
    const bad = cli(dataDir, ['workspace', 'update', '--allowed-origins', 'shop.example.be'], {
      RENDEMENT_API_KEY: secret,
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--allowed-origins');
    const ok = cli(
      dataDir,
      ['workspace', 'update', '--allowed-origins', 'https://shop.example.be', '--locale', 'fr-BE', '--json'],
      { RENDEMENT_API_KEY: secret },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      allowed_origins: ['https://shop.example.be'],
      locale: 'fr-BE',
    });
    const created = cli(dataDir, ['keys', 'create', '--kind', 'secret', '--json'], {
      RENDEMENT_API_KEY: secret,
    });
    const fresh = JSON.parse(created.out);
    const list = JSON.parse(cli(dataDir, ['keys', 'list', '--json'], { RENDEMENT_API_KEY: fresh.key }).out);
    const old = list.find(
      (k: { id: string; kind: string }) => k.kind === 'secret' && k.id !== fresh.record.id,
    );
    expect(cli(dataDir, ['keys', 'revoke', old.id], { RENDEMENT_API_KEY: fresh.key }).code).toBe(0);
    expect(cli(dataDir, ['keys', 'list'], { RENDEMENT_API_KEY: secret }).code).toBe(3);
    secret = fresh.key;
  });

  it('exports NDJSON and names bad dates', () => {
    const ok = cli(dataDir, ['export', 'events', '--from', '2026-01-01', '--to', '2026-01-31'], {
      RENDEMENT_API_KEY: secret,
    });
    expect(ok.code).toBe(0);
    expect(ok.out).toBe('');
    const bad = cli(dataDir, ['export', 'events', '--from', '2026-02-30', '--to', '2026-01-31'], {
      RENDEMENT_API_KEY: secret,
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from: must be a date as YYYY-MM-DD');
    const credit = cli(
      dataDir,
      [
        'export',
        'credit',
        '--from',
        '2026-01-01',
        '--to',
        '2026-01-31',
        '--model',
        'magic',
        '--format',
        'xml',
      ],
      { RENDEMENT_API_KEY: secret },
    );
    expect(credit.code).toBe(2);
    expect(credit.err).toContain('--model: unknown model "magic"');
    expect(credit.err).toContain('--format: must be ndjson or csv');
  });
});

describe('CLI with a running server (goes through its API)', () => {
  const { dataDir } = tempConfig();
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--quiet'],
    {
      cwd: ROOT,
      env: childEnv(dataDir),
      stdio: 'ignore',
    },
  );
  afterAll(() => {
    server.kill('SIGTERM');
  });

  it.each([
    ['report', 'kpis', '--from', '2026-01-01', '--to', '2026-01-31'],
    ['report', 'cohorts', '--from', '2026-01', '--to', '2026-02'],
    ['report', 'fatigue', '--from', '2026-01-01', '--to', '2026-01-31'],
    ['attribution', '--from', '2026-01-01', '--to', '2026-01-31'],
  ])('%s %s: a bad --locale is named, not a stack trace', (...args) => {
    // Checked before any data is read: no workspace is needed.
    const r = cli(dataDir, [...args, '--locale', 'nl_BE!'], { RENDEMENT_API_KEY: 'rdm_sk_unused' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--locale: "nl_BE!" is not a language tag such as nl-BE, fr-BE or en-GB');
  });

  it('creates a workspace and a link through the server, which owns the engine', async () => {
    const file = join(dataDir, 'server.json');
    for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(file).length > 0).toBe(true);
    const ws = cli(dataDir, ['workspace', 'create', 'Via API', '--json']);
    expect(ws.code).toBe(0);
    const { secret_key, write_key } = JSON.parse(ws.out);
    const link = cli(
      dataDir,
      ['links', 'create', '--destination', 'https://x.be/', '--slug', 'via-api', '--json'],
      { RENDEMENT_API_KEY: secret_key },
    );
    expect(link.code).toBe(0);
    const { port } = JSON.parse(readFileSync(file, 'utf8'));
    const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${write_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [{ type: 'pageview', event_id: 'e1', visitor_id: 'v1', url: 'https://x.be/' }],
      }),
    });
    expect(res.status).toBe(202);
    const today = new Date().toISOString().slice(0, 10);
    const exp = cli(dataDir, ['export', 'events', '--from', '2020-01-01', '--to', today], {
      RENDEMENT_API_KEY: secret_key,
    });
    expect(exp.code).toBe(0);
    expect(
      exp.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).event_id),
    ).toEqual(['e1']);
    // The order, server side; then its credit per touch through the API, as CSV.
    const order = await fetch(`http://127.0.0.1:${port}/v1/conversions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        conversions: [{ id: 'o1', type: 'purchase', value: 40, currency: 'EUR', visitor_id: 'v1' }],
      }),
    });
    expect(order.status).toBe(202);
    const credit = cli(
      dataDir,
      ['export', 'credit', '--from', '2020-01-01', '--to', today, '--format', 'csv'],
      {
        RENDEMENT_API_KEY: secret_key,
      },
    );
    expect(credit.code).toBe(0);
    const [header, line, ...rest] = credit.out.trim().split('\n');
    expect(header!.split(',').slice(0, 2)).toEqual(['model', 'conversion_id']);
    expect(line).toMatch(/^last_non_direct,o1,.*,Direct,.*,1,1,40,EUR$/);
    expect(rest).toEqual([]);
    // The models side by side through the server, in the asked number format.
    const models = cli(
      dataDir,
      [
        'attribution',
        '--from',
        '2020-01-01',
        '--to',
        today,
        '--model',
        'last_click,linear',
        '--locale',
        'nl-BE',
      ],
      { RENDEMENT_API_KEY: secret_key },
    );
    expect(models.code).toBe(0);
    expect(models.out).toMatch(/^Conversions credited per channel, .* \(1 conversions;/);
    expect(models.out).toMatch(/^Direct\s+€\s0,00\s+1\s+1$/m);
  });
});
