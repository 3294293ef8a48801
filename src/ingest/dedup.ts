import { BoundedMap } from './bounded-set.js';

/** Recent event ids remembered per workspace. */
export const DEDUP_WINDOW = 300_000;

/**
 * Drop events whose id this workspace already sent. Retries (a beacon sent twice, a client that
 * timed out) arrive within seconds or minutes, so a bounded window of recent ids per workspace
 * catches them before the engine; the engine's ReplacingMergeTree key is the backstop for older
 * duplicates.
 */
export class EventDedup {
  private readonly byWorkspace = new Map<string, BoundedMap<string, true>>();
  constructor(private readonly capacityPerWorkspace = DEDUP_WINDOW) {}

  private window(workspaceId: string): BoundedMap<string, true> {
    let w = this.byWorkspace.get(workspaceId);
    if (!w) this.byWorkspace.set(workspaceId, (w = new BoundedMap(this.capacityPerWorkspace)));
    return w;
  }

  /** True when new; records the id. */
  firstSeen(workspaceId: string, eventId: string): boolean {
    return this.window(workspaceId).addIfAbsent(eventId, true);
  }

  remember(workspaceId: string, eventId: string): void {
    this.window(workspaceId).set(eventId, true);
  }
}
