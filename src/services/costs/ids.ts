import { randomId } from '../../core/ids.js';

let last = 0;

/**
 * Ids that sort by creation time (the replacement rule picks the newest import by id): a prefix, the
 * time in base 36 at fixed width (monotonic within this process), and a random tail.
 */
export function timeOrderedId(prefix: 'imp' | 'man'): string {
  const now = Math.max(Date.now(), last + 1);
  last = now;
  return `${prefix}_${now.toString(36).padStart(10, '0')}${randomId(8)}`;
}
