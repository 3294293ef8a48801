import { describe, expect, it } from 'vitest';
import { detectFatigue } from './fatigue.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('creative fatigue: Cochran–Armitage trend test', () => {
  // Reference: the formula in numpy, cross-checked with statsmodels' linear-by-linear association
  // z rescaled by √(N/(N − 1)); tolerance 1e-10.
  it.each(ref.fatigue)('series %#', ({ points, z, p, slope, zFromStatsmodels }) => {
    expect(z).toBeCloseTo(zFromStatsmodels, 10);
    const [r] = detectFatigue([
      {
        creative: 'ad',
        points: points.map(([t, trials, successes]) => ({ t: t!, trials: trials!, successes: successes! })),
      },
    ]);
    expect(r!.z).toBeCloseTo(z, 10);
    expect(r!.pValue).toBeCloseTo(p, 10);
    expect(r!.slope).toBeCloseTo(slope, 12);
  });
  it('flags the declining creative with its evidence, not the flat one', () => {
    const pts = (rows: number[][]) =>
      rows.map(([t, trials, successes]) => ({ t: t!, trials: trials!, successes: successes! }));
    const [tired, flat] = detectFatigue([
      { creative: 'hook-question', points: pts(ref.fatigue[0]!.points) },
      { creative: 'hook-story', points: pts(ref.fatigue[1]!.points) },
    ]);
    expect(tired!.fatigued).toBe(true);
    expect(tired!.pAdjusted).toBeCloseTo(2 * ref.fatigue[0]!.p, 12);
    // early = (210+200)/(10000+9800), recent = (160+150)/(10100+10000)
    expect(tired!.earlyRate).toBeCloseTo(410 / 19800, 14);
    expect(tired!.recentRate).toBeCloseTo(310 / 20100, 14);
    expect(tired!.relativeChange).toBeCloseTo(310 / 20100 / (410 / 19800) - 1, 14);
    expect(flat!.fatigued).toBe(false);
  });
  it('no trials or a single point: nulls, no NaN', () => {
    const [a, b] = detectFatigue([
      { creative: 'a', points: [{ t: 1, trials: 0, successes: 0 }] },
      { creative: 'b', points: [{ t: 1, trials: 100, successes: 3 }] },
    ]);
    expect(a!.z).toBeNull();
    expect(b!.z).toBeNull();
    expect(b!.fatigued).toBe(false);
  });
  it('refuses successes > trials', () => {
    expect(() => detectFatigue([{ creative: 'a', points: [{ t: 1, trials: 5, successes: 6 }] }])).toThrow(
      /points\[0\]\.successes: exceeds trials/,
    );
  });
});
