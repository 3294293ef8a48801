// Known answers for the rule-based weights, worked out by hand (exact fractions; tolerance 1e-12).
import { describe, expect, it } from 'vitest';
import { firstClickWeights } from './first-click.js';
import { lastClickWeights } from './last-click.js';
import { lastNonDirectWeights } from './last-non-direct.js';
import { linearWeights } from './linear.js';
import { positionBasedWeights } from './position-based.js';
import { timeDecayWeights } from './time-decay.js';

const DAY = 86_400_000;
const close = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 12));
};

describe('first / last / linear', () => {
  it.each([
    [1, [1], [1], [1]],
    [2, [1, 0], [0, 1], [0.5, 0.5]],
    [4, [1, 0, 0, 0], [0, 0, 0, 1], [0.25, 0.25, 0.25, 0.25]],
  ])('%i touches', (n, first, last, linear) => {
    close(firstClickWeights(n), first);
    close(lastClickWeights(n), last);
    close(linearWeights(n), linear);
  });
});

describe('last non-direct', () => {
  it.each([
    [
      ['Paid Search', 'Direct'],
      [1, 0],
    ],
    [
      ['Email', 'Direct', 'Paid Social', 'Direct'],
      [0, 0, 1, 0],
    ],
    [
      ['Direct', 'Direct'],
      [0, 1],
    ],
    [['Direct'], [1]],
    [
      ['Email', 'Paid Search'],
      [0, 1],
    ],
  ])('%j', (channels, want) => close(lastNonDirectWeights(channels), want));
});

describe('position-based (PRODUCT.md: 40/20/40, two touches 50/50, one 100%)', () => {
  it.each([
    [1, undefined, [1]],
    [2, undefined, [0.5, 0.5]],
    [3, undefined, [0.4, 0.2, 0.4]],
    [5, undefined, [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]],
    [4, { first: 0.3, middle: 0.4, last: 0.3 }, [0.3, 0.2, 0.2, 0.3]],
    // two touches: first : last in proportion, 0.6 : 0.2 → 3/4, 1/4
    [2, { first: 0.6, middle: 0.2, last: 0.2 }, [0.75, 0.25]],
    [3, { first: 0, middle: 1, last: 0 }, [0, 1, 0]],
  ])('%i touches, shares %j', (n, shares, want) => close(positionBasedWeights(n, shares), want));

  it.each([
    [{ first: 0.5, middle: 0.5, last: 0.5 }, /position_shares: .*sum to 1/],
    [{ first: -0.1, middle: 0.7, last: 0.4 }, /position_shares\.first/],
    [{ first: Number.NaN, middle: 0.6, last: 0.4 }, /position_shares\.first/],
  ])('refuses %j', (shares, msg) => expect(() => positionBasedWeights(3, shares)).toThrow(msg));
});

describe('time decay with exact timestamps (2^(−Δ/h), normalised)', () => {
  const c = Date.UTC(2026, 10, 25, 12, 0, 0);
  it.each([
    // 14, 7 and 0 days before, h = 7: raw 1/4, 1/2, 1 → sum 7/4 → 1/7, 2/7, 4/7
    [[c - 14 * DAY, c - 7 * DAY, c], 7, [1 / 7, 2 / 7, 4 / 7]],
    // h = 1 day, touches 36 h and 12 h before: 2^-1.5 and 2^-0.5 → 1/(1+2) and 2/(1+2)
    [[c - 1.5 * DAY, c - 0.5 * DAY], 1, [1 / 3, 2 / 3]],
    // same moment: equal split (a tie)
    [[c - DAY, c - DAY], 7, [0.5, 0.5]],
    // 3 h 30 min apart with h = 7 days: 2^(−3.5/168) = 0.985663..., weights r/(1+r), 1/(1+r)
    [[c - 3.5 * 3_600_000, c], 7, [2 ** (-3.5 / 168) / (1 + 2 ** (-3.5 / 168)), 1 / (1 + 2 ** (-3.5 / 168))]],
    [[c - 5 * DAY], 7, [1]],
    // a path 10 years old does not underflow to 0/0
    [[c - 3650 * DAY, c - 3649 * DAY], 1, [1 / 3, 2 / 3]],
  ])('touches %j, half-life %f days', (times, h, want) =>
    close(timeDecayWeights(times, c + (times === undefined ? 0 : 0), h), want),
  );

  it.each([0, -1, Number.NaN, Infinity])('refuses half-life %f', (h) =>
    expect(() => timeDecayWeights([c], c, h)).toThrow(/half_life_days: must be a number of days > 0/),
  );
});
