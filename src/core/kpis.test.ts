import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addInputs, computeKpis, emptyInputs, kpiChange, KPI_NAMES, ratio, type KpiInputs } from './kpis.js';

const inputs = (over: Partial<KpiInputs>): KpiInputs => ({ ...emptyInputs(), ...over });

describe('KPI formulas (PRODUCT.md table), worked by hand', () => {
  // A campaign: €250 cost, 20,000 impressions, 400 clicks, 320 visits, 16 conversions of which
  // 10 orders (€1,200 of order revenue) and 6 leads, €1,200 revenue in all, €480 gross profit,
  // 4 new customers, 40 add-to-carts; all revenue of the period €2,000.
  const x = inputs({
    cost: 250,
    impressions: 20000,
    clicks: 400,
    visits: 320,
    conversions: 16,
    orders: 10,
    leads: 6,
    revenue: 1200,
    order_revenue: 1200,
    gross_profit: 480,
    new_customers: 4,
    add_to_carts: 40,
    all_revenue: 2000,
  });
  it.each([
    ['ctr', 0.02], // 400 / 20,000
    ['cpc', 0.625], // 250 / 400
    ['cpm', 12.5], // 250 / 20,000 × 1000
    ['cvr', 0.04], // 16 / 400
    ['cvr_visits', 0.05], // 16 / 320
    ['cpl', 41.666667], // 250 / 6
    ['cpa', 15.625], // 250 / 16
    ['cps', 25], // 250 / 10
    ['roas', 4.8], // 1200 / 250
    ['mer', 8], // 2000 / 250
    ['aov', 120], // 1200 / 10
    ['revenue_per_click', 3], // 1200 / 400
    ['revenue_per_visit', 3.75],
    ['gross_profit', 480],
    ['margin', 0.4], // 480 / 1200
    ['roi', 0.92], // (480 − 250) / 250
    ['poas', 1.92], // 480 / 250
    ['break_even_roas', 2.5], // 1 / 0.4
    ['cac', 62.5], // 250 / 4
    ['cart_abandonment', 0.75], // 1 − 10 / 40
    ['cost_per_visit', 0.78125],
  ] as const)('%s = %s', (name, expected) => {
    expect(computeKpis(x)[name]).toBeCloseTo(expected, 6);
  });

  it('zero denominators give null, never NaN or Infinity', () => {
    const k = computeKpis(emptyInputs());
    for (const n of [
      'ctr',
      'cpc',
      'cpm',
      'cvr',
      'cpl',
      'cpa',
      'roas',
      'mer',
      'aov',
      'roi',
      'poas',
      'cac',
      'cart_abandonment',
      'break_even_roas',
      'margin',
    ])
      expect(k[n]).toBeNull();
    expect(k.cost).toBe(0);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
  });

  it('gross profit is unknown while part of the revenue has no margin', () => {
    const k = computeKpis(inputs({ cost: 10, revenue: 100, gross_profit: 30, unmargined_revenue: 40 }));
    expect(k.gross_profit).toBeNull();
    expect(k.roi).toBeNull();
    expect(k.poas).toBeNull();
  });

  it('changes: absolute and relative (null from 0)', () => {
    expect(kpiChange(150, 100)).toEqual({ absolute: 50, relative: 0.5 });
    expect(kpiChange(50, -100)).toEqual({ absolute: 150, relative: 1.5 });
    expect(kpiChange(5, 0)).toEqual({ absolute: 5, relative: null });
    expect(kpiChange(null, 3)).toEqual({ absolute: null, relative: null });
  });

  it('property: every KPI of any non-negative inputs is a finite number or null', () => {
    const n = fc.double({ min: 0, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({
          cost: n,
          impressions: n,
          clicks: n,
          visits: n,
          conversions: n,
          orders: n,
          revenue: n,
          gross_profit: n,
          new_customers: n,
          add_to_carts: n,
        }),
        (r) => {
          const k = computeKpis(addInputs(emptyInputs(), inputs(r)));
          for (const name of KPI_NAMES) {
            const v = k[name];
            expect(v === null || Number.isFinite(v)).toBe(true);
          }
        },
      ),
    );
  });
});
