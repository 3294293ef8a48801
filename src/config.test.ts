import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';

describe('configFromEnv', () => {
  it('defaults the spool flush to one second and takes a whole number of milliseconds', () => {
    expect(configFromEnv({}).spoolFlushMs).toBe(1000);
    expect(configFromEnv({ RENDEMENT_SPOOL_FLUSH_MS: '250' }).spoolFlushMs).toBe(250);
  });

  it.each(['1s', '0', '-5', '2.5'])('names a bad RENDEMENT_SPOOL_FLUSH_MS (%s)', (v) => {
    expect(() => configFromEnv({ RENDEMENT_SPOOL_FLUSH_MS: v })).toThrow(
      `RENDEMENT_SPOOL_FLUSH_MS must be a whole number of milliseconds (10 or more), got "${v}"`,
    );
  });

  it('names a bad PORT', () => {
    expect(() => configFromEnv({ PORT: 'http' })).toThrow('PORT must be a port number (0–65535), got "http"');
  });
});
