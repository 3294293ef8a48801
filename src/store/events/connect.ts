import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';

export interface EventsConnectionOptions {
  /** Embedded engine files live in `${dataDir}/events`. */
  dataDir: string;
  /** A ClickHouse server (`http://user:pass@host:8123/db`) instead of the embedded engine. */
  clickhouseUrl?: string;
}

/** Settings every query shares: decimals as strings so no money is rounded through a double. */
const COMMON_SETTINGS = {
  output_format_json_quote_decimals: 1,
  output_format_json_quote_64bit_integers: 1,
} as const;

/**
 * One SQL dialect, two transports: `@clickhouse/client` over HTTP to a server, or over chDB's
 * in-process connection (`chdb/connection`). Everything above this file is the same code.
 */
export interface EventsConnection {
  client: ClickHouseClient;
  embedded: boolean;
  /**
   * Embedded only: hand an insert body's bytes to the engine without copying them through JS
   * strings (the collector's hot path; the HTTP client would re-encode the body as a string).
   */
  rawInsert?: (table: string, body: Buffer, format: 'JSONCompactEachRow') => Promise<void>;
}

export function connectEvents(opts: EventsConnectionOptions): EventsConnection {
  if (opts.clickhouseUrl) {
    return {
      client: createClient({ url: opts.clickhouseUrl, clickhouse_settings: COMMON_SETTINGS }),
      embedded: false,
    };
  }
  const path = join(opts.dataDir, 'events');
  mkdirSync(path, { recursive: true });
  const connection = createChdbConnection({ path });
  return {
    // The hook is typed against client-common's Connection; chdb implements it verbatim.
    client: createClient({ connection, clickhouse_settings: COMMON_SETTINGS } as Parameters<
      typeof createClient
    >[0]),
    embedded: true,
    rawInsert: async (table, body, format) => {
      await connection.chdb.rawInsert({ table, values: body, format });
    },
  };
}
