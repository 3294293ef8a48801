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
