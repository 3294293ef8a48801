import { DIRECT } from './types.js';

/**
 * Last non-direct click (Google Analytics' "last non-direct click"): the whole conversion to the
 * newest touchpoint whose channel is not `Direct`, so a typed-in return visit does not take the
 * credit from the campaign that brought the person. A path of only direct touches credits its last one.
 */
export function lastNonDirectWeights(channels: readonly string[]): number[] {
  const n = channels.length;
  let pick = n - 1;
  for (let i = n - 1; i >= 0; i--)
    if (channels[i] !== DIRECT) {
      pick = i;
      break;
    }
  return Array.from({ length: n }, (_, i) => (i === pick ? 1 : 0));
}
