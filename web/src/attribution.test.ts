import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_MODELS,
  attributionMatrix,
  cell,
  parseModels,
  sortMatrix,
  type AttributionChannel,
  type AttributionReport,
} from './attribution';

const ch = (channel: string, conversions: number, value: number, cost: number): AttributionChannel => ({
  channel,
  conversions,
  value,
  cost,
  cpa: conversions > 0 ? cost / conversions : null,
  roas: cost > 0 ? value / cost : null,
  share: null,
});

// A hand-made report: Email gets no row under first click (no credit), Direct has no cost.
const report: AttributionReport = {
  from: '2026-01-01',
  to: '2026-01-31',
  by: 'channel',
  currency: 'EUR',
  locale: 'nl-BE',
  conversions: 10,
  value: 1000,
  models: {
    last_click: {
      channels: [ch('Paid Search', 6, 600, 300), ch('Email', 3, 300, 0), ch('Direct', 1, 100, 0)],
    },
    first_click: { channels: [ch('Paid Search', 8, 800, 300), ch('Direct', 2, 200, 0)] },
  },
};

describe('attributionMatrix', () => {
  it('puts every model of a label on one row, with no entry where a model gives no credit', () => {
    const m = attributionMatrix(report, ['last_click', 'first_click']);
    expect(m.map((r) => r.label)).toEqual(['Paid Search', 'Email', 'Direct']);
    const email = m.find((r) => r.label === 'Email')!;
    expect(cell(email, 'last_click', 'conversions')).toBe(3);
    expect(cell(email, 'first_click', 'conversions')).toBeNull();
    // CPA by hand: 300 / 8 = 37.5 under first click; ROAS 800 / 300.
    const search = m.find((r) => r.label === 'Paid Search')!;
    expect(cell(search, 'first_click', 'cpa')).toBe(37.5);
    expect(cell(search, 'first_click', 'roas')).toBeCloseTo(800 / 300, 12);
    expect(search.cost).toBe(300);
  });

  it('ignores models the server did not answer for', () => {
    expect(attributionMatrix(report, ['markov'])).toEqual([]);
  });
});

describe('sortMatrix', () => {
  const m = attributionMatrix(report, ['last_click', 'first_click']);
  it.each([
    ['last_click', 'desc', ['Paid Search', 'Email', 'Direct']],
    ['last_click', 'asc', ['Direct', 'Email', 'Paid Search']],
    // Email has no first-click figure: last in both directions.
    ['first_click', 'desc', ['Paid Search', 'Direct', 'Email']],
    ['first_click', 'asc', ['Direct', 'Paid Search', 'Email']],
    ['label', 'asc', ['Direct', 'Email', 'Paid Search']],
    // Equal cost (0) falls back to the label.
    ['cost', 'desc', ['Paid Search', 'Direct', 'Email']],
  ] as const)('by %s %s', (key, dir, order) => {
    expect(sortMatrix(m, key, dir, 'conversions').map((r) => r.label)).toEqual(order);
  });

  it('puts undefined ratios (CPA without conversions) last', () => {
    const rows = attributionMatrix(
      { ...report, models: { linear: { channels: [ch('A', 0, 0, 50), ch('B', 2, 10, 50)] } } },
      ['linear'],
    );
    expect(sortMatrix(rows, 'linear', 'asc', 'cpa').map((r) => r.label)).toEqual(['B', 'A']);
  });
});

describe('parseModels', () => {
  it.each([
    ['', [...ATTRIBUTION_MODELS]],
    ['nonsense', [...ATTRIBUTION_MODELS]],
    ['shapley,last_click', ['last_click', 'shapley']],
    ['markov, bogus', ['markov']],
  ])('%j', (q, want) => {
    expect(parseModels(q)).toEqual(want);
  });
});
