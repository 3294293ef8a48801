import { BoundedMap } from './bounded-set.js';

/**
 * Drop events whose id this workspace already sent. Retries (a beacon sent twice, a client that
 * timed out) arrive within seconds or minutes, so a bounded window of recent ids catches them before
 * the engine; the engine's ReplacingMergeTree key is the backstop for older duplicates.
 */
export class EventDedup {
  private readonly seen: BoundedMap<string, true>;
  constructor(capacity = 500_000) {
    this.seen = new BoundedMap(capacity);
  }

  /** True when new; records the id. */
  firstSeen(workspaceId: string, eventId: string): boolean {
    const key = `${workspaceId}\u0000${eventId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }

  remember(workspaceId: string, eventId: string): void {
    this.seen.set(`${workspaceId}\u0000${eventId}`, true);
  }
}
