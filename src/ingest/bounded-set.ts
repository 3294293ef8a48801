/**
 * A map that forgets its oldest entries: it always remembers the `capacity` most recently set
 * keys and never more than 2 × `capacity`. Used for windows where recent history matters (dedup
 * of retried events, visit state, parse caches): memory stays bounded under any load.
 *
 * Two generations instead of an exact FIFO: evicting the oldest key of one JavaScript Map
 * (`keys().next()` after deletes at its front) walks the deleted slots left behind until the
 * next rehash, which made this map the collector's hottest code. Here a full generation is
 * dropped whole, so every operation is O(1).
 */
export class BoundedMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.current.get(key);
    return v !== undefined || this.current.has(key) ? v : this.previous.get(key);
  }

  has(key: K): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /**
   * Remember `key` (with `value`) unless it is already remembered: true when it was new. One call
   * instead of `has` then `set` (the dedup window's question for every event).
   */
  addIfAbsent(key: K, value: V): boolean {
    if (this.current.has(key) || this.previous.has(key)) return false;
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return true;
  }

  /** Set or refresh a key: it becomes the most recent. */
  set(key: K, value: V): void {
    if (!this.current.has(key)) {
      this.previous.delete(key);
      if (this.current.size >= this.capacity) {
        this.previous = this.current;
        this.current = new Map();
      }
    }
    this.current.set(key, value);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
