import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohortRollupContract } from './cohort-rollup.contract.js';
import { connectEvents } from './connect.js';
import { ClickHouseEventStore } from './store.js';

// The embedded engine's run of the cohort rollup contract; the server's is in
// clickhouse-server.integration.test.ts. Here the builds can be counted, through the engine.
const conn = connectEvents({ dataDir: mkdtempSync(join(tmpdir(), 'rdm-cohorts-')) });
cohortRollupContract(
  'embedded chDB',
  async () => {
    const store = new ClickHouseEventStore(conn);
    await store.migrate();
    return store;
  },
  async () => {
    const rs = await conn.client.query({
      query: 'SELECT count() AS n FROM cohort_monthly_builds',
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ n: string }>();
    return Number(row?.n ?? 0);
  },
);
