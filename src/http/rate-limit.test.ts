import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit.js';

describe('FailureLimiter', () => {
  // Worked by hand: 3 failures allowed per 60 s window; failures at t = 0, 10, 20 s block until the
  // first leaves the window at t = 60 s (retry-after at t = 30 s: 30 s).
  it('blocks after max failures and frees the key as they leave the window', () => {
    const l = new FailureLimiter(3, 60_000);
    for (const t of [0, 10_000, 20_000]) {
      expect(l.retryAfter('a', t)).toBe(0);
      l.fail('a', t);
    }
    expect(l.retryAfter('a', 30_000)).toBe(30);
    expect(l.retryAfter('a', 59_999)).toBe(1);
    expect(l.retryAfter('a', 60_000)).toBe(0);
    expect(l.retryAfter('b', 30_000)).toBe(0); // keys are independent
  });

  it('forgets a key on reset (a successful sign-in)', () => {
    const l = new FailureLimiter(2, 60_000);
    l.fail('a', 0);
    l.fail('a', 1);
    expect(l.retryAfter('a', 2)).toBeGreaterThan(0);
    l.reset('a');
    expect(l.retryAfter('a', 2)).toBe(0);
  });

  it('stays bounded in memory under many keys', () => {
    const l = new FailureLimiter(5, 60_000, 100);
    for (let i = 0; i < 1000; i++) l.fail(`ip:${i}`, i);
    expect((l as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(101);
  });
});
