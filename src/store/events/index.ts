import type { EventStore } from '../ports.js';
import { connectEvents, type EventsConnectionOptions } from './connect.js';
import { ClickHouseEventStore } from './store.js';

export type { EventsConnectionOptions } from './connect.js';
export { ClickHouseEventStore } from './store.js';

/** Open the event store (embedded chDB unless a ClickHouse URL is given) and migrate it. */
export async function openEventStore(
  opts: EventsConnectionOptions,
): Promise<EventStore & { embedded: boolean }> {
  const store = new ClickHouseEventStore(connectEvents(opts));
  await store.migrate();
  return store;
}
