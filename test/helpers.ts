import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, type RuntimeConfig } from '../src/config.js';

/** A fresh data directory and configuration for one test file (one chDB directory per process). */
export function tempConfig(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdm-test-'));
  return configFromEnv(
    {},
    { dataDir, port: 0, host: '127.0.0.1', publicUrl: 'http://rdm.test', ...overrides },
  );
}

/**
 * The environment for a child `rendement` process in tests: embedded engines in its own data
 * directory, whatever the developer's shell points at (a shared PostgreSQL would keep names and
 * slugs across runs; the PostgreSQL adapter has its own contract suite).
 */
export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RENDEMENT_DATA_DIR: dataDir, ...extra };
  delete env.RENDEMENT_DATABASE_URL;
  delete env.RENDEMENT_CLICKHOUSE_URL;
  return env;
}

const ROOT = join(import.meta.dirname, '..');

/** Run the CLI from the sources in a child process, as a user would (no server unless one runs). */
export function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      env: childEnv(dataDir, { RENDEMENT_API_KEY: '', ...env }),
      encoding: 'utf8',
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}
