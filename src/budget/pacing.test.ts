import { describe, expect, it } from 'vitest';
import { emptyInputs, type KpiInputs } from '../core/kpis.js';
import { addDays } from '../core/periods.js';
import { paceGoal, weekdayFactors, type DailyInputs } from './pacing.js';

const day = (date: string, over: Partial<KpiInputs>): DailyInputs => ({
  date,
  inputs: { ...emptyInputs(), ...over },
});
const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
const range = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

// April 2026: the 1st is a Wednesday; 1–10 April holds 8 weekdays and 2 weekend days, 11–30 April
// 14 weekdays and 6 weekend days (counted on a calendar).
const april10 = range('2026-04-01', 10);
const flat = april10.map((d) => day(d, { leads: 8, cost: 80 }));
const weekdaysOnly = april10.map((d) => day(d, isWeekend(d) ? {} : { leads: 10, cost: 100 }));
// Four weeks before April with leads on weekdays only (10 a day).
const history = range('2026-03-04', 28).map((d) => day(d, isWeekend(d) ? {} : { leads: 10, cost: 100 }));

describe('goal pacing, worked by hand', () => {
  it('a volume goal off track: 80 leads in 10 days → 240 by the 30th of 300', () => {
    const p = paceGoal(
      { kpi: 'leads', direction: 'at_least', target: 300, from: '2026-04-01', to: '2026-04-30' },
      flat,
      [],
      '2026-04-10',
    );
    expect(p).toMatchObject({
      status: 'off_track', // 240 misses 300 by 60 > 10 % of 300
      actual: 80,
      elapsed_days: 10,
      total_days: 30,
      projection_linear: 240,
      projection_seasonal: 240, // no history: every day weighs the same
      seasonal_profile: false,
    });
    // 220 leads in 20 days = 11 a day (now 8); at €10 per lead €2,200, €1,600 planned: €600 more.
    expect(p.needed).toEqual({
      remaining_days: 20,
      amount: 220,
      per_day: 11,
      current_per_day: 8,
      extra_spend: 600,
    });
  });

  it('weekday profile: weekends bring nothing, so the 20 days left weigh 14 × 1.4', () => {
    expect(weekdayFactors(history, 'leads')!.map((f) => Math.round(f * 1e6) / 1e6)).toEqual([
      0, 1.4, 1.4, 1.4, 1.4, 1.4, 0,
    ]);
    const p = paceGoal(
      { kpi: 'leads', direction: 'at_least', target: 230, from: '2026-04-01', to: '2026-04-30' },
      weekdaysOnly,
      history,
      '2026-04-10',
    );
    // So far 80 over weight 8 × 1.4 = 11.2 → 7.142857 per unit; rest 19.6 units → 140; end 220.
    // Linear says 80 / 10 × 30 = 240 (on track); the weekday-aware 220 misses 230 by 10 ≤ 23: at risk.
    expect(p).toMatchObject({
      projection_linear: 240,
      projection_seasonal: 220,
      seasonal_profile: true,
      status: 'at_risk',
    });
  });

  it('a ratio goal: CPL ≤ €9 with CPL €10 so far', () => {
    const p = paceGoal(
      { kpi: 'cpl', direction: 'at_most', target: 9, from: '2026-04-01', to: '2026-04-30' },
      flat,
      [],
      '2026-04-10',
    );
    expect(p).toMatchObject({ actual: 10, projection_seasonal: 10, status: 'off_track' }); // 1 > 0.9
    // At the projected 240 leads the cost may end at 9 × 240 = 2160: 1360 more (1600 planned).
    // At the projected €2,400 the leads must reach 2400 / 9 = 266.67: 186.67 more (160 planned).
    expect(p.needed).toEqual({
      remaining_days: 20,
      numerator: { input: 'cost', rest: 1360 },
      denominator: { input: 'leads', rest: 186.6667 },
    });
  });

  it('on track, achieved, missed, not started', () => {
    const g = { kpi: 'leads' as const, direction: 'at_least' as const, from: '2026-04-01', to: '2026-04-30' };
    expect(paceGoal({ ...g, target: 200 }, flat, [], '2026-04-10')).toMatchObject({
      status: 'on_track',
      needed: null,
    });
    expect(paceGoal({ ...g, target: 50 }, flat, [], '2026-04-10').status).toBe('achieved');
    expect(paceGoal({ ...g, target: 500 }, flat, [], '2026-05-03')).toMatchObject({
      status: 'missed',
      elapsed_days: 30,
      actual: 80,
    });
    expect(paceGoal({ ...g, target: 500 }, [], [], '2026-03-20')).toMatchObject({
      status: 'not_started',
      actual: null,
      elapsed_days: 0,
    });
  });

  it('a budget cap: cost ≤ €2,000 — €80 a day runs to €2,400', () => {
    const p = paceGoal(
      { kpi: 'cost', direction: 'at_most', target: 2000, from: '2026-04-01', to: '2026-04-30' },
      flat,
      [],
      '2026-04-10',
    );
    expect(p).toMatchObject({ status: 'off_track', projection_linear: 2400 });
    expect(p.needed).toMatchObject({ amount: 1200, per_day: 60, current_per_day: 80 }); // at most €60 a day from now
  });
});
