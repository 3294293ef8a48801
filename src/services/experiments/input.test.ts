import { describe, expect, it } from 'vitest';
import type { Experiment, NewExperiment } from '../../store/ports.js';
import { validateExperiment } from './input.js';

const base = {
  name: 'Hero',
  variants: [{ name: 'control' }, { name: 'photo' }],
  from: '2026-11-01',
};

describe('validateExperiment', () => {
  it('fills the defaults: key = name, equal split, conversion rate on purchases, running', () => {
    expect(validateExperiment(base)).toEqual({
      experiment: {
        key: 'Hero',
        name: 'Hero',
        hypothesis: null,
        variants: [
          { name: 'control', allocation: 0.5 },
          { name: 'photo', allocation: 0.5 },
        ],
        primary_metric: 'conversion_rate',
        secondary_metrics: [],
        guardrail_metrics: [],
        conversion_type: 'purchase',
        from: '2026-11-01',
        to: null,
        status: 'running',
      },
    });
  });

  it('accepts a split that sums to 1 within rounding (3 × 0.333)', () => {
    const v = validateExperiment({
      ...base,
      variants: ['a', 'b', 'c'].map((name) => ({ name, allocation: 0.333 })),
    });
    expect('experiment' in v).toBe(true);
  });

  it.each([
    ['one variant', { variants: [{ name: 'a' }] }, 'variants', 'control and at least one variant'],
    [
      'a split not summing to 1',
      {
        variants: [
          { name: 'a', allocation: 0.5 },
          { name: 'b', allocation: 0.4 },
        ],
      },
      'variants',
      'sum to 1 (got 0.9)',
    ],
    [
      'a partial split',
      { variants: [{ name: 'a', allocation: 0.5 }, { name: 'b' }] },
      'variants',
      'every variant or for none',
    ],
    [
      'an allocation of 1',
      {
        variants: [
          { name: 'a', allocation: 1 },
          { name: 'b', allocation: 0 },
        ],
      },
      'variants.0.allocation',
      'strictly between 0 and 1',
    ],
    [
      'twice the same variant',
      { variants: [{ name: 'a' }, { name: 'a' }] },
      'variants.1.name',
      'appears twice',
    ],
    ['end before start', { to: '2026-10-31' }, 'to', 'must not be before from (2026-11-01)'],
    ['an unknown metric', { secondary_metrics: ['ltv'] }, 'secondary_metrics.0', 'must be one of'],
    ['a metric twice', { secondary_metrics: ['conversion_rate'] }, 'secondary_metrics', 'once across'],
    ['an unknown field', { colour: 'red' }, '', 'colour'],
    ['an empty name', { name: ' ' }, 'name', 'must not be empty'],
  ])('refuses %s, naming the field', (_l, change, field, reason) => {
    const v = validateExperiment({ ...base, ...change });
    expect('errors' in v).toBe(true);
    const errors = 'errors' in v ? v.errors : [];
    const e = errors.find((x) => (field === '' ? true : x.field === field));
    expect(e?.reason ?? '').toContain(reason);
  });

  it('a patch is checked as the merged experiment and keeps only the fields sent', () => {
    const current: Experiment = {
      id: 'exp_1',
      workspace_id: 'ws_1',
      created_at: '',
      updated_at: '',
      ...(validateExperiment(base) as { experiment: NewExperiment }).experiment,
    };
    expect(validateExperiment({ status: 'completed', to: '2026-11-30' }, current)).toEqual({
      patch: { status: 'completed', to: '2026-11-30' },
    });
    const bad = validateExperiment({ to: '2026-10-01' }, current);
    expect('errors' in bad && bad.errors[0]!.field).toBe('to');
    expect(validateExperiment([], current)).toEqual({
      errors: [{ field: '(body)', reason: 'must be an object' }],
    });
  });
});
