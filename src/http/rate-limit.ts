/**
 * Counts failures per key (an IP address, an e-mail address) in a sliding window; once a key has
 * `max` failures within `windowMs`, it is refused until the oldest of them leaves the window.
 * In memory: one server process owns the data directory, and a restart forgetting counts is fine.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until the key may try again; 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil(((list[0] ?? now) + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > this.maxKeys) this.prune(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const list = this.failures.get(key) ?? [];
    while (list.length && (list[0] ?? 0) <= now - this.windowMs) list.shift();
    if (!list.length) this.failures.delete(key);
    return list;
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    // Still full of live keys (an attack from many addresses): forget the oldest half.
    if (this.failures.size > this.maxKeys)
      for (const key of [...this.failures.keys()].slice(0, this.failures.size / 2)) this.failures.delete(key);
  }
}
