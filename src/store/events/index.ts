import type { EventStore } from '../ports.js';
import { connectEvents, type EventsConnectionOptions } from './connect.js';
import { ClickHouseEventStore } from './store.js';

export type { EventsConnectionOptions } from './connect.js';
export { ClickHouseEventStore } from './store.js';

/** Open the event store (embedded chDB unless a ClickHouse URL is given) and migrate it. */
export async function openEventStore(
  opts: EventsConnectionOptions,
): Promise<EventStore & { embedded: boolean }> {
  const { client, embedded } = connectEvents(opts);
  const store = new ClickHouseEventStore(client, embedded);
  await store.migrate();
  return store;
}
