import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { experimentFromAggregates, experimentReport } from './aggregates.js';
import { analyzeExperiment } from './analyze.js';
import { StatsInputError } from './errors.js';
// Reference values: test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13) → reference.json.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

const prop = (units: number, conversions: number) => ({ kind: 'proportion' as const, units, conversions });

describe('analyzeExperiment', () => {
  const r = analyzeExperiment({
    variants: ['A', 'B', 'C'],
    metrics: [
      { name: 'conversion_rate', kind: 'proportion', data: [prop(100, 10), prop(100, 15), prop(100, 12)] },
      {
        name: 'value_per_unit',
        kind: 'mean',
        data: [
          { kind: 'mean', units: 100, sum: 500, sumSq: 12000 },
          { kind: 'mean', units: 100, sum: 800, sumSq: 20000 },
          { kind: 'mean', units: 100, sum: 550, sumSq: 13000 },
        ],
      },
    ],
  });
  it('combines the pieces: Bayesian chances equal the reference, p adjusted by Holm over 4 tests', () => {
    const cr = r.metrics[0]!;
    const bb = ref.betaBinomial[1]!;
    cr.variants.forEach((v, k) =>
      expect(Math.abs(v.bayes!.chanceToBeBest! - bb.best[k]!)).toBeLessThan(1e-6),
    );
    const raw = r.metrics.flatMap((m) => m.variants.slice(1).map((v) => v.comparison!.pValue!));
    const sorted = [...raw].sort((a, b) => a - b);
    expect(Math.min(...r.metrics.flatMap((m) => m.variants.slice(1).map((v) => v.pAdjusted!)))).toBeCloseTo(
      4 * sorted[0]!,
      14,
    );
    expect(r.srm.pValue).toBe(1);
    expect(r.metrics[0]!.variants[0]!.verdict).toBeNull();
    expect(r.metrics[0]!.variants[1]!.verdict).toMatch(
      /^No significant difference in conversion rate between variant B/,
    );
  });
  it('never puts NaN or Infinity in the output', () => {
    const json = JSON.stringify(r, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v,
    );
    expect(json).not.toContain('BAD');
  });
  it('flags a sample-ratio mismatch against the planned allocation', () => {
    const s = analyzeExperiment({
      variants: ['A', 'B'],
      allocation: [1, 1],
      metrics: [{ name: 'conversion_rate', kind: 'proportion', data: [prop(10321, 500), prop(9679, 480)] }],
    });
    expect(s.srm.pValue).toBeCloseTo(ref.srm[1]!.p, 12);
    expect(s.srm.mismatch).toBe(true);
  });
  it('a CUPED metric reports the variance it removed and the same adjusted means as numpy', () => {
    const c = ref.cuped[0]!;
    const data = c.data.map(([units, sumY, sumY2, sumX, sumX2, sumXY]) => ({
      units: units!,
      sumY: sumY!,
      sumY2: sumY2!,
      sumX: sumX!,
      sumX2: sumX2!,
      sumXY: sumXY!,
    }));
    const res = analyzeExperiment({
      variants: ['A', 'B'],
      metrics: [{ name: 'revenue', kind: 'cuped', data }],
    });
    const [a, b] = res.metrics[0]!.variants;
    expect(b!.comparison!.absoluteLift! / (c.means[1]! - c.means[0]!) - 1).toBeCloseTo(0, 9);
    expect(a!.varianceReduction).toBeCloseTo(c.reduction[0]!, 9);
    expect(b!.sequential!.pValue).toBeGreaterThanOrEqual(b!.comparison!.pValue!);
  });
  it.each([
    [{ variants: ['A'] }, /variants: need a control and at least one variant/],
    [{ variants: ['A', 'A'] }, /variants\[1\]: "A" appears twice/],
    [{ alpha: 1 }, /alpha: must be strictly between 0 and 1/],
    [{ locale: 'de' }, /locale/],
  ])('refuses %o', (over, msg) => {
    const f = () =>
      analyzeExperiment({
        variants: ['A', 'B'],
        metrics: [{ name: 'conversion_rate', kind: 'proportion', data: [prop(100, 1), prop(100, 2)] }],
        ...over,
      });
    expect(f).toThrow(StatsInputError);
    expect(f).toThrow(msg);
  });
  it('any valid aggregates: finite numbers or null everywhere, probabilities in [0, 1] (property)', () => {
    const row = fc
      .tuple(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
      )
      .map(([units, rate, mean, cv]) => {
        const conversions = Math.floor(units * rate);
        const valueSum = mean * units;
        // Σx² = (n − 1)s² + n·x̄² with s = cv·mean: always a possible sum of squares.
        const valueSumSq = Math.max(0, units - 1) * (cv * mean) ** 2 + units * mean * mean;
        return { units, conversions, valueSum, valueSumSq };
      });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 2, maxLength: 5 }),
        fc.constantFrom('holm', 'bh', 'none') as fc.Arbitrary<'holm' | 'bh' | 'none'>,
        (rows, correction) => {
          const named = rows.map((r, i) => ({ ...r, variant: `v${i}` }));
          let report;
          try {
            report = experimentReport(analyzeExperiment(experimentFromAggregates(named, { correction })));
          } catch (e) {
            // Constant values in both arms of a mean are refused by name; nothing else may throw.
            expect(e).toBeInstanceOf(StatsInputError);
            expect((e as StatsInputError).reason).toMatch(/zero variance/);
            return;
          }
          JSON.stringify(report, (k, v: unknown) => {
            if (typeof v === 'number') {
              expect(Number.isFinite(v)).toBe(true);
              if (
                /^(p_value|p_adjusted|chance_to_beat_control|chance_to_be_best|sequential_p_value|srm_p_value)$/.test(
                  k,
                )
              ) {
                expect(v).toBeGreaterThanOrEqual(0);
                expect(v).toBeLessThanOrEqual(1);
              }
            }
            return v;
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
