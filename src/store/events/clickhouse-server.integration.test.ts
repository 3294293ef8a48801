import { describe } from 'vitest';
import { openEventStore } from './index.js';
import { cohortRollupContract } from './cohort-rollup.contract.js';
import { eventStoreContract } from './event-store.contract.js';

// Runs whenever a ClickHouse server is configured; the embedded engine's run is chdb.integration.test.ts.
const url = process.env.RENDEMENT_CLICKHOUSE_URL;
describe.runIf(Boolean(url))('ClickHouse server', () => {
  eventStoreContract('ClickHouse server', () => openEventStore({ dataDir: '', clickhouseUrl: url }));
  cohortRollupContract('ClickHouse server', () => openEventStore({ dataDir: '', clickhouseUrl: url }));
});
