import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from './index.js';
import { eventStoreContract } from './event-store.contract.js';

const dataDir = mkdtempSync(join(tmpdir(), 'rdm-chdb-'));
eventStoreContract(
  'embedded chDB',
  () => openEventStore({ dataDir }),
  () => openEventStore({ dataDir }),
);
