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
