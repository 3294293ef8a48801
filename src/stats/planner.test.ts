import { describe, expect, it } from 'vitest';
import { StatsInputError } from './errors.js';
import { reachableMde, reachableMdeInDays, sampleSize } from './planner.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

describe('sample size per variant', () => {
  // Proportions: Fleiss et al. eq. 4.14 evaluated in numpy/scipy with α/(K − 1); exact integers.
  // (10% baseline, +10% relative, α 0.05, power 0.8 → 14,751: the figure most calculators print.)
  it.each(ref.planner.proportions)('proportion $input', ({ input, n }) => {
    const [baseline, mde, absolute, alpha, power, variants] = input as [
      number,
      number,
      boolean,
      number,
      number,
      number,
    ];
    const p = sampleSize({ metric: { kind: 'proportion', baseline }, mde, absolute, alpha, power, variants });
    expect(p.sampleSizePerVariant).toBe(n);
    expect(p.totalSampleSize).toBe(n * variants);
  });
  // Means: statsmodels NormalIndPower().solve_power(effect_size = δ/σ, alpha = α/(K − 1)), rounded up.
  it.each(ref.planner.means)('mean $input', ({ input, n }) => {
    const [baseline, sd, mde, alpha, power, variants] = input as number[];
    expect(
      sampleSize({
        metric: { kind: 'mean', baseline: baseline!, sd: sd! },
        mde: mde!,
        alpha,
        power,
        variants,
      }).sampleSizePerVariant,
    ).toBe(n);
  });
  it('correction none uses the full alpha; holm plans like bonferroni', () => {
    const base = { metric: { kind: 'proportion' as const, baseline: 0.1 }, mde: 0.1, variants: 3 };
    const none = sampleSize({ ...base, correction: 'none' }).sampleSizePerVariant;
    expect(none).toBe(14751);
    expect(sampleSize({ ...base, correction: 'holm' })).toEqual(
      sampleSize({ ...base, correction: 'bonferroni' }),
    );
    expect(sampleSize(base).sampleSizePerVariant).toBeGreaterThan(none);
  });
  it('duration from daily traffic', () => {
    const p = sampleSize({ metric: { kind: 'proportion', baseline: 0.1 }, mde: 0.1, dailyTraffic: 2000 });
    expect(p.durationDays).toBe(Math.ceil((14751 * 2) / 2000));
  });
  it.each([
    [{ alpha: 0 }, /alpha: must be strictly between 0 and 1/],
    [{ alpha: 1.5 }, /alpha/],
    [{ power: 1 }, /power/],
    [{ variants: 1 }, /variants: must be a whole number ≥ 2/],
    [{ mde: 0 }, /mde: must not be 0/],
    [{ mde: 10 }, /mde: the target rate/],
    [
      { metric: { kind: 'proportion' as const, baseline: 1.2 } },
      /baseline: a rate must be strictly between 0 and 1/,
    ],
    [{ dailyTraffic: -5 }, /daily_traffic: must be positive/],
  ])('refuses %o', (over, msg) => {
    const f = () => sampleSize({ metric: { kind: 'proportion', baseline: 0.1 }, mde: 0.1, ...over });
    expect(f).toThrow(StatsInputError);
    expect(f).toThrow(msg);
  });
});

describe('reachable MDE against statsmodels NormalIndPower (means) and scipy brentq on the Fleiss formula (proportions)', () => {
  // Relative tolerance 1e-8 for proportions; 1e-4 for means, because statsmodels' power also counts
  // rejections in the wrong direction, Φ(−δ√(n/2)/σ − z_{α/2}), which the textbook formula (and
  // Rendement) leaves out — a 3e-5 relative difference at power 0.8.
  it.each(ref.planner.reachable)('$kind $input', ({ kind, input, relative }) => {
    const r =
      kind === 'mean'
        ? reachableMde({
            metric: { kind: 'mean', baseline: input[0]!, sd: input[1]! },
            unitsPerVariant: input[2]!,
            alpha: input[3],
            power: input[4],
            variants: input[5],
          })
        : reachableMde({
            metric: { kind: 'proportion', baseline: input[0]! },
            unitsPerVariant: input[1]!,
            alpha: input[2],
            power: input[3],
            variants: input[4],
          });
    expect(Math.abs(r!.relativeMde! / relative - 1)).toBeLessThan(kind === 'mean' ? 1e-4 : 1e-8);
  });
});

describe('reachable MDE inverts the sample size', () => {
  it.each([0.02, 0.1, 0.3])('proportion, baseline %d', (baseline) => {
    const p = sampleSize({ metric: { kind: 'proportion', baseline }, mde: 0.15 });
    const r = reachableMde({
      metric: { kind: 'proportion', baseline },
      unitsPerVariant: p.sampleSizePerVariant,
    })!;
    // n is rounded up, so the reachable MDE is at most the planned one and very close to it.
    expect(r.relativeMde!).toBeLessThanOrEqual(0.15 + 1e-12);
    expect(r.relativeMde!).toBeGreaterThan(0.1499);
  });
  it('mean, closed form', () => {
    const r = reachableMde({ metric: { kind: 'mean', baseline: 50, sd: 80 }, unitsPerVariant: 16075 })!;
    expect(r.relativeMde!).toBeCloseTo(0.05, 4);
  });
  it('in days of traffic', () => {
    const r = reachableMdeInDays({
      metric: { kind: 'proportion', baseline: 0.1 },
      days: 14,
      dailyTraffic: 2000,
      variants: 2,
    })!;
    expect(r.unitsPerVariant).toBe(14000);
    expect(r.relativeMde!).toBeGreaterThan(0.1);
    expect(r.relativeMde!).toBeLessThan(0.11);
  });
});
