import { describe, expect, it } from 'vitest';
import { MODELS } from './models.js';
import { attributePaths } from './paths-report.js';
import type { AggregatedPath } from './types.js';

// The 3-channel Markov example of markov.test.ts plus a conversion without touchpoint:
// removal effects C1 1/2, C2 1, C3 1 → C1 0.2, C2 0.4, C3 0.4 of C1 > C2 > C3's conversion.
const paths: AggregatedPath[] = [
  { channels: ['C1', 'C2', 'C3'], conversions: 1, value: 100, nulls: 0 },
  { channels: ['C1'], conversions: 0, value: 0, nulls: 1 },
  { channels: ['C2', 'C3'], conversions: 0, value: 0, nulls: 1 },
  { channels: [], conversions: 1, value: 10, nulls: 0 },
];

describe('attributePaths', () => {
  it('all: skips time_decay with the reason; shares, removal effects, global figure', () => {
    const r = attributePaths(paths, { models: [...MODELS], all: true });
    expect(r.skipped).toEqual([{ model: 'time_decay', reason: expect.stringMatching(/timestamps/) }]);
    expect(Object.keys(r.models)).not.toContain('time_decay');
    expect(r.input).toEqual({ unique_paths: 4, conversions: 2, value: 110, non_converting: 2 });
    const m = Object.fromEntries(r.models.markov!.channels.map((c) => [c.channel, c]));
    expect(m.C1).toMatchObject({
      conversions: expect.closeTo(0.2, 12),
      value: expect.closeTo(20, 10),
      share: expect.closeTo(0.1, 12),
      removal_effect: expect.closeTo(0.5, 12),
      // ChannelAttribution: RE share 0.5 / 2.5 × 1 conversion with a touchpoint
      global_conversions: expect.closeTo(0.2, 12),
    });
    expect(m.Direct).toMatchObject({ conversions: 1, value: 10, share: 0.5 });
    expect(r.models.shapley!.method).toBe('exact');
  });
  it('time_decay named alone is refused; so is a bootstrap of 1', () => {
    expect(() => attributePaths(paths, { models: ['time_decay'] })).toThrow(
      /model: time_decay needs touchpoint timestamps/,
    );
    expect(() => attributePaths(paths, { models: ['markov'], bootstrap: 1 })).toThrow(/bootstrap/);
  });
  it('bootstrap intervals on the data-driven models only, reproducible', () => {
    const o = { models: ['linear', 'markov', 'shapley'] as const, bootstrap: 50, seed: 9 };
    const a = attributePaths(paths, { ...o, models: [...o.models] });
    expect(a.models.linear!.ci_level).toBeUndefined();
    expect(a.models.markov!.ci_level).toBe(0.95);
    expect(a.models.shapley!.channels[0]).toHaveProperty('ci_lower');
    expect(attributePaths(paths, { ...o, models: [...o.models] }).models).toEqual(a.models);
  });
});
