import { resolve } from 'node:path';

export interface RuntimeConfig {
  dataDir: string;
  clickhouseUrl?: string;
  databaseUrl?: string;
  port: number;
  host: string;
  /** Base URL of this server as visitors reach it; printed in tracking links. */
  publicUrl: string;
  trustProxy: boolean;
  /** How often the collector moves its spool into the event store (ms). */
  spoolFlushMs: number;
}

/** Settings from the environment (PRODUCT.md, "Environment"); `overrides` come from CLI flags. */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<RuntimeConfig> = {},
): RuntimeConfig {
  const port = overrides.port ?? Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  const host = overrides.host ?? env.RENDEMENT_HOST ?? '0.0.0.0';
  return {
    dataDir: resolve(overrides.dataDir ?? env.RENDEMENT_DATA_DIR ?? './data'),
    clickhouseUrl: overrides.clickhouseUrl ?? (env.RENDEMENT_CLICKHOUSE_URL || undefined),
    databaseUrl: overrides.databaseUrl ?? (env.RENDEMENT_DATABASE_URL || undefined),
    port,
    host,
    publicUrl: overrides.publicUrl ?? env.RENDEMENT_PUBLIC_URL ?? `http://localhost:${port}`,
    trustProxy: overrides.trustProxy ?? env.RENDEMENT_TRUST_PROXY === '1',
    spoolFlushMs: overrides.spoolFlushMs ?? spoolFlushMs(env.RENDEMENT_SPOOL_FLUSH_MS),
  };
}

/** RENDEMENT_SPOOL_FLUSH_MS: whole milliseconds, at least 10; 1000 when unset. A typo is named. */
function spoolFlushMs(value: string | undefined): number {
  if (value === undefined || value === '') return 1000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10)
    throw new Error(
      `RENDEMENT_SPOOL_FLUSH_MS must be a whole number of milliseconds (10 or more), got "${value}"`,
    );
  return ms;
}
