import { describe, expect, it } from 'vitest';
import { experimentMetrics, intervalBox, type Experiment } from './experiments';

describe('intervalBox', () => {
  // Worked by hand on a 160 px axis over [−0.2, 0.2] (zero at 80 px, 400 px per unit).
  it.each([
    [[0.05, 0.15], 0.2, { x: 100, w: 40 }],
    [[-0.1, 0.1], 0.2, { x: 40, w: 80 }],
    [[-0.2, 0.2], 0.2, { x: 0, w: 160 }],
    // Beyond the axis: clamped to its ends.
    [[-1, 0.1], 0.2, { x: 0, w: 120 }],
    // Bounds given in the wrong order are read as an interval all the same.
    [[0.15, 0.05], 0.2, { x: 100, w: 40 }],
  ] as Array<[[number, number], number, { x: number; w: number }]>)('%j on ±%s', (ci, range, want) => {
    const got = intervalBox(ci, range, 160)!;
    expect(got.x).toBeCloseTo(want.x, 9);
    expect(got.w).toBeCloseTo(want.w, 9);
  });

  it('a zero-width interval still draws one pixel', () => {
    expect(intervalBox([0, 0], 0.1, 160)).toEqual({ x: 80, w: 1 });
  });

  it.each([
    [null, 0.2],
    [[0.1, 0.2], 0],
    [[Number.NaN, 0.2], 0.2],
  ] as Array<[[number, number] | null, number]>)('draws nothing for %j on ±%s', (ci, range) => {
    expect(intervalBox(ci, range, 160)).toBeNull();
  });
});

describe('experimentMetrics', () => {
  it('lists primary, then secondary, then guardrails', () => {
    const e = {
      primary_metric: 'revenue_per_visitor',
      secondary_metrics: ['conversion_rate'],
      guardrail_metrics: ['aov'],
    } as Experiment;
    expect(experimentMetrics(e)).toEqual(['revenue_per_visitor', 'conversion_rate', 'aov']);
  });
});
