import { describe, expect, it } from 'vitest';
import { monthsBetween, summariseCohort } from './cohorts.js';

describe('cohort summary, worked by hand', () => {
  // 10 customers acquired in month 0 for €200 (CAC €20). Gross profit: €120 in month 0, nothing in
  // month 1, €90 in month 2, €40 in month 3 → cumulative per customer 12, 12, 21, 25.
  const cells = [
    { age: 0, active: 10, revenue: 400, gross_profit: 120, unmargined_revenue: 0 },
    { age: 2, active: 3, revenue: 300, gross_profit: 90, unmargined_revenue: 0 },
    { age: 3, active: 2, revenue: 100, gross_profit: 40, unmargined_revenue: 0 },
  ];
  const s = summariseCohort(cells, 200, 4);

  it('per month, per customer and cumulated, with the silent month filled in', () => {
    expect(s.customers).toBe(10);
    expect(s.cac).toBe(20);
    expect(s.months.map((m) => m.cumulative_gross_profit_per_customer)).toEqual([12, 12, 21, 25]);
    expect(s.months.map((m) => m.cumulative_revenue_per_customer)).toEqual([40, 40, 70, 80]);
    expect(s.months[1]).toMatchObject({ age: 1, active_customers: 0, revenue: 0, revenue_per_customer: 0 });
  });

  it('CLV at 3 months (months 0–2), not yet at 6 or 12; LTV:CAC; payback in month 2', () => {
    expect(s.clv_revenue).toEqual({ 3: 70, 6: null, 12: null });
    expect(s.clv_gross_profit).toEqual({ 3: 21, 6: null, 12: null });
    expect(s.ltv_cac).toEqual({ 3: 1.05, 6: null, 12: null }); // 21 / 20
    expect(s.payback_month).toBe(2); // 21 ≥ 20 first in month 2
  });

  it('no cost: CAC 0, no payback, no LTV:CAC; no customers: CAC null', () => {
    const free = summariseCohort(cells, 0, 4);
    expect(free).toMatchObject({ cac: 0, payback_month: null, ltv_cac: { 3: null } });
    expect(summariseCohort([], 50, 2)).toMatchObject({ customers: 0, cac: null, payback_month: null });
  });

  it('unknown margins make gross profit unknown from that month on', () => {
    const part = summariseCohort(
      [{ age: 0, active: 2, revenue: 100, gross_profit: 0, unmargined_revenue: 100 }],
      10,
      1,
    );
    expect(part.months[0]).toMatchObject({ gross_profit: null, cumulative_gross_profit_per_customer: null });
    expect(part.payback_month).toBeNull();
  });

  it('months between', () => {
    expect(monthsBetween('2026-01-01', '2026-04-01')).toBe(3);
    expect(monthsBetween('2025-11-01', '2026-02-01')).toBe(3);
  });
});
