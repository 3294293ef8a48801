import { describe, expect, it } from 'vitest';
import type { Experiment, ExperimentVariantFacts } from '../../store/ports.js';
import { analyzeFacts } from './results.js';

const exp = (over: Partial<Experiment> = {}): Experiment => ({
  id: 'exp_1',
  workspace_id: 'ws_1',
  key: 'hero',
  name: 'Hero',
  hypothesis: null,
  variants: [
    { name: 'control', allocation: 0.5 },
    { name: 'photo', allocation: 0.5 },
  ],
  primary_metric: 'conversion_rate',
  secondary_metrics: ['revenue_per_visitor'],
  guardrail_metrics: ['aov'],
  conversion_type: 'purchase',
  from: '2026-11-01',
  to: null,
  status: 'running',
  created_at: '',
  updated_at: '',
  ...over,
});

const facts = (variant: string, f: Partial<ExperimentVariantFacts>): ExperimentVariantFacts => ({
  variant,
  units: 0,
  converters: 0,
  orders: 0,
  orders_sq: 0,
  revenue: 0,
  revenue_sq: 0,
  revenue_orders: 0,
  pre_revenue: 0,
  pre_revenue_sq: 0,
  pre_cross: 0,
  crossovers: 0,
  unconverted: 0,
  ...f,
});

// The sums of the seeded A/B of test/experiments.integration.test.ts, counted by hand there.
const control = facts('control', {
  units: 60,
  converters: 6,
  orders: 7,
  orders_sq: 9,
  revenue: 330,
  revenue_sq: 18700,
  revenue_orders: 400,
  pre_revenue: 100,
  pre_revenue_sq: 10000,
  pre_cross: 5000,
});
const photo = facts('photo', {
  units: 100,
  converters: 20,
  orders: 20,
  orders_sq: 20,
  revenue: 1200,
  revenue_sq: 74000,
  revenue_orders: 1200,
  pre_revenue: 110,
  pre_revenue_sq: 6900,
  pre_cross: 7300,
});

describe('analyzeFacts', () => {
  it('matches numpy/statsmodels on the hand-counted sums (tolerance 1e-9)', () => {
    // Reference: numpy CUPED on the per-unit arrays, θ = 0.6190834241888794; statsmodels
    // test_proportions_2indep(20, 100, 6, 60, method='wald') p = 0.0724860850868465; numpy
    // delta-method AOV z test p = 0.01097231242465088.
    const r = analyzeFacts(exp(), { variants: [photo, control], segments: [] }, 'en');
    const p = r.variants[1]!.metrics;
    expect(p.conversion_rate!.p_value).toBeCloseTo(0.0724860850868465, 9);
    expect(r.variants[0]!.metrics.revenue_per_visitor!.value).toBeCloseTo(5.280741287266438, 9);
    expect(p.revenue_per_visitor!.value).toBeCloseTo(12.131555227640133, 9);
    expect(p.revenue_per_visitor!.p_value).toBeCloseTo(0.028742704442518825, 9);
    expect(p.aov!.p_value).toBeCloseTo(0.01097231242465088, 9);
    expect(r.cuped.applied).toBe(true);
    // Holm over 3 comparisons: only AOV stays below 0.05 (adjusted 0.0329).
    expect(r.verdicts[0]).toMatch(/^No significant difference in conversion rate/);
    expect(r.verdicts[2]).toMatch(/photo.*average order value/);
  });

  it('falls back to Welch without a varying covariate (scipy ttest_ind equal_var=False p = 0.0496…)', () => {
    const strip = (f: ExperimentVariantFacts) => ({ ...f, pre_revenue: 0, pre_revenue_sq: 0, pre_cross: 0 });
    const r = analyzeFacts(exp(), { variants: [strip(control), strip(photo)], segments: [] }, 'en');
    expect(r.cuped.applied).toBe(false);
    expect(r.variants[1]!.metrics.revenue_per_visitor!.p_value).toBeCloseTo(0.049611083466102476, 9);
  });

  it('leaves out metrics with nothing to compare yet, keeps the others, and never says NaN', () => {
    const r = analyzeFacts(
      exp(),
      { variants: [facts('control', { units: 50 }), facts('photo', { units: 50 })], segments: [] },
      'fr-BE',
    );
    expect(r.skipped_metrics.map((m) => m.name)).toEqual(['revenue_per_visitor']);
    expect(r.metrics.find((m) => m.name === 'aov')).toMatchObject({ role: 'guardrail', analysed: true });
    expect(r.variants[1]!.metrics.aov!.value).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  it('reports unknown variants, and the SRM breakdown names the skewed segment and variant', () => {
    const e = exp({
      variants: [
        { name: 'a', allocation: 0.25 },
        { name: 'b', allocation: 0.25 },
        { name: 'c', allocation: 0.5 },
      ],
      secondary_metrics: [],
      guardrail_metrics: [],
    });
    const seg = (segment: string, units: number[]) =>
      ['a', 'b', 'c'].map((variant, i) => ({
        dimension: 'browser' as const,
        segment,
        variant,
        units: units[i]!,
      }));
    const r = analyzeFacts(
      e,
      {
        variants: [
          facts('a', { units: 150, converters: 10 }),
          facts('b', { units: 100, converters: 10 }),
          facts('c', { units: 200, converters: 20 }),
          facts('z', { units: 7 }),
        ],
        segments: [...seg('Safari', [50, 0, 50]), ...seg('Chrome', [100, 100, 150]), ...seg('', [0, 0, 0])],
      },
      'en',
    );
    expect(r.unknown_variants).toEqual([{ variant: 'z', units: 7 }]);
    // Safari: expected 25/25/50 → χ² = 25 + 25 + 0 = 50 on 2 df (scipy chisquare p = 1.389e-11).
    const top = r.srm_breakdown[0]!;
    expect(top).toMatchObject({ segment: 'Safari', units: { a: 50, b: 0, c: 50 }, mismatch: true });
    expect(top.chi_square).toBeCloseTo(50, 12);
    expect(top.p_value).toBeCloseTo(1.3887943864964e-11, 20);
    expect(['a', 'b']).toContain(top.most_off_variant);
    expect(r.srm_breakdown.find((s) => s.segment === '(not set)')).toBeDefined();
  });
});
