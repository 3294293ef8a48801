import {
  ADDITIVE_KPIS,
  KPIS,
  KPI_INPUTS,
  emptyInputs,
  ratio,
  type KpiInputs,
  type KpiName,
} from '../core/kpis.js';
import { addDays, daysBetween } from '../core/periods.js';

/**
 * Goal pacing: where a SMART goal ("500 leads in Q2", "CPL ≤ €25 in May") stands today and where
 * it will end. Pure: the caller supplies the daily KPI inputs of the period so far and of the weeks
 * before it (for the weekday profile).
 */

export type GoalDirection = 'at_least' | 'at_most';

/** KPIs a goal can target: sums, and ratios whose numerator and denominator are sums. */
export const RATIO_PARTS = {
  cpl: ['cost', 'leads'],
  cpa: ['cost', 'conversions'],
  cps: ['cost', 'orders'],
  cpi: ['cost', 'installs'],
  cpc: ['cost', 'clicks'],
  cac: ['cost', 'new_customers'],
  roas: ['revenue', 'cost'],
  mer: ['all_revenue', 'cost'],
  poas: ['gross_profit', 'cost'],
  aov: ['order_revenue', 'orders'],
  cvr_visits: ['conversions', 'visits'],
} as const satisfies Partial<Record<KpiName, readonly [keyof KpiInputs, keyof KpiInputs]>>;

export const GOAL_KPIS: readonly KpiName[] = [
  ...[...ADDITIVE_KPIS].filter((k) => (KPI_INPUTS as readonly string[]).includes(k)),
  ...(Object.keys(RATIO_PARTS) as KpiName[]),
];

export interface GoalSpec {
  kpi: KpiName;
  direction: GoalDirection;
  target: number;
  /** Local dates, inclusive. */
  from: string;
  to: string;
}

export interface DailyInputs {
  date: string;
  inputs: KpiInputs;
}

export type PacingStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'missed' | 'not_started';

export interface GoalPacing {
  status: PacingStatus;
  /** The KPI over the period so far. */
  actual: number | null;
  /** Days of the period elapsed (today included) and in all. */
  elapsed_days: number;
  total_days: number;
  /** The KPI at the period's end if every day goes at the average rate so far. */
  projection_linear: number | null;
  /** The same, with each remaining day weighted by its weekday's share of activity (last 8 weeks). */
  projection_seasonal: number | null;
  /** Whether the weekday profile had enough history (14+ days); otherwise seasonal = linear. */
  seasonal_profile: boolean;
  /**
   * What it takes to meet the target in the rest of the period (null when on track, achieved or
   * over): for a sum, the amount still needed and per day; for a ratio, the numerator's and the
   * denominator's amounts for the rest of the period that meet the target exactly with the other
   * as projected (for CPL ≤ 25: the most spend at the projected leads, the leads needed at the
   * projected spend).
   */
  needed: {
    remaining_days: number;
    amount?: number;
    per_day?: number;
    current_per_day?: number;
    /** For volume goals with a cost per unit so far: the extra spend at that cost per unit. */
    extra_spend?: number | null;
    /** The numerator's amount in the rest of the period that meets the target exactly at the projected denominator. */
    numerator?: { input: keyof KpiInputs; rest: number };
    /** The denominator's amount in the rest of the period that meets the target exactly at the projected numerator. */
    denominator?: { input: keyof KpiInputs; rest: number };
  } | null;
}

/** Share of the target within which a projection counts as "at risk" rather than "off track". */
export const AT_RISK_BAND = 0.1;

const sum = (rows: readonly DailyInputs[], k: keyof KpiInputs) =>
  rows.reduce((s, r) => s + (r.inputs[k] ?? 0), 0);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * Weekday factors of an input from history: mean on weekday d / mean of all days (Σ over the
 * seven weekdays = 7). Null with fewer than 14 days of history or no activity — then every day
 * weighs the same (the linear projection).
 */
export function weekdayFactors(history: readonly DailyInputs[], k: keyof KpiInputs): number[] | null {
  if (history.length < 14) return null;
  const total = Array(7).fill(0) as number[];
  const count = Array(7).fill(0) as number[];
  for (const r of history) {
    const d = weekday(r.date);
    total[d]! += r.inputs[k] ?? 0;
    count[d]! += 1;
  }
  const means = total.map((t, d) => (count[d] ? t / count[d]! : 0));
  const overall = means.reduce((a, b) => a + b, 0) / 7;
  if (overall <= 0) return null;
  return means.map((m) => m / overall);
}

/**
 * Project the additive inputs to the period's end. Linear: x_end = x_sofar / elapsed × total.
 * Seasonal: the rate per unit of weekday weight so far, times the weight of the remaining days,
 * r = Σ_elapsed x / Σ_elapsed f(d); x_end = x_sofar + r × Σ_remaining f(d).
 */
export function projectInputs(
  sofar: readonly DailyInputs[],
  history: readonly DailyInputs[],
  elapsedDates: readonly string[],
  remainingDates: readonly string[],
): { linear: KpiInputs; seasonal: KpiInputs; profile: boolean } {
  const linear = emptyInputs();
  const seasonal = emptyInputs();
  let profile = false;
  const elapsed = elapsedDates.length;
  for (const k of KPI_INPUTS) {
    const known = sofar.some((r) => r.inputs[k] !== null);
    if (!known && k === 'all_revenue') {
      linear[k] = null;
      seasonal[k] = null;
      continue;
    }
    const x = sum(sofar, k);
    const perDay = elapsed ? x / elapsed : 0;
    linear[k] = x + perDay * remainingDates.length;
    const f = weekdayFactors(history, k);
    if (!f) {
      seasonal[k] = linear[k];
      continue;
    }
    profile = true;
    const wElapsed = elapsedDates.reduce((s, d) => s + f[weekday(d)]!, 0);
    const wRemaining = remainingDates.reduce((s, d) => s + f[weekday(d)]!, 0);
    const rate = wElapsed > 0 ? x / wElapsed : perDay;
    seasonal[k] = x + rate * wRemaining;
  }
  return { linear, seasonal, profile };
}

function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const meets = (v: number | null, g: GoalSpec) =>
  v !== null && (g.direction === 'at_least' ? v >= g.target : v <= g.target);

/**
 * Pace a goal on `today` (a local date): the actual so far, linear and weekday-seasonal
 * projections, a status — on track when the seasonal projection meets the target, at risk when it
 * misses by at most 10 % of the target, off track beyond; achieved/missed once the period is over
 * (or, for "at least" sums, once reached) — and what is needed to get back on track.
 */
export function paceGoal(
  goal: GoalSpec,
  daily: readonly DailyInputs[],
  history: readonly DailyInputs[],
  today: string,
): GoalPacing {
  const total = daysBetween(goal.from, goal.to) + 1;
  const last = today < goal.to ? today : goal.to;
  const started = today >= goal.from;
  const elapsedDates = started ? datesFrom(goal.from, last) : [];
  const remainingDates = started ? datesFrom(addDays(last, 1), goal.to) : datesFrom(goal.from, goal.to);
  const sofar = daily.filter((r) => r.date >= goal.from && r.date <= last);
  const sofarInputs = emptyInputs();
  for (const k of KPI_INPUTS) {
    if (k === 'all_revenue') sofarInputs[k] = sofar.some((r) => r.inputs[k] !== null) ? sum(sofar, k) : null;
    else sofarInputs[k] = sum(sofar, k);
  }
  const formula = KPIS[goal.kpi];
  const actual = elapsedDates.length ? formula(sofarInputs) : null;
  const proj = projectInputs(sofar, history, elapsedDates, remainingDates);
  const linear = elapsedDates.length ? formula(proj.linear) : null;
  const seasonal = elapsedDates.length ? formula(proj.seasonal) : null;

  let status: PacingStatus;
  const isSum = !(goal.kpi in RATIO_PARTS);
  if (elapsedDates.length === 0) status = 'not_started';
  else if (remainingDates.length === 0) status = meets(actual, goal) ? 'achieved' : 'missed';
  else if (isSum && goal.direction === 'at_least' && meets(actual, goal)) status = 'achieved';
  else if (meets(seasonal, goal)) status = 'on_track';
  else {
    const band = Math.abs(goal.target) * AT_RISK_BAND;
    const gap = seasonal === null ? Infinity : Math.abs(seasonal - goal.target);
    status = gap <= band ? 'at_risk' : 'off_track';
  }

  let needed: GoalPacing['needed'] = null;
  if (
    remainingDates.length > 0 &&
    status !== 'achieved' &&
    status !== 'on_track' &&
    elapsedDates.length > 0
  ) {
    const rest = remainingDates.length;
    if (isSum) {
      const x = actual ?? 0;
      const amount = goal.direction === 'at_least' ? Math.max(0, goal.target - x) : goal.target - x;
      const costPerUnit = goal.kpi === 'cost' ? null : ratio(sofarInputs.cost, x);
      const plannedRest = proj.seasonal.cost - sofarInputs.cost;
      needed = {
        remaining_days: rest,
        amount: round(amount),
        per_day: round(amount / rest),
        current_per_day: round(x / elapsedDates.length),
        ...(goal.direction === 'at_least'
          ? {
              extra_spend:
                costPerUnit === null ? null : round(Math.max(0, amount * costPerUnit - plannedRest)),
            }
          : {}),
      };
    } else {
      const [num, den] = RATIO_PARTS[goal.kpi as keyof typeof RATIO_PARTS];
      const numSofar = sofarInputs[num] ?? 0;
      const denSofar = sofarInputs[den] ?? 0;
      const numEnd = proj.seasonal[num] ?? 0;
      const denEnd = proj.seasonal[den] ?? 0;
      // Target T on num/den: at the projected denominator, the numerator must end at T × den_end
      // (≥ for "at least", ≤ for "at most"); at the projected numerator, the denominator at num_end / T.
      needed = {
        remaining_days: rest,
        numerator: { input: num, rest: round(goal.target * denEnd - numSofar) },
        ...(goal.target === 0
          ? {}
          : { denominator: { input: den, rest: round(numEnd / goal.target - denSofar) } }),
      };
    }
  }
  return {
    status,
    actual: actual === null ? null : round(actual),
    elapsed_days: elapsedDates.length,
    total_days: total,
    projection_linear: linear === null ? null : round(linear),
    projection_seasonal: seasonal === null ? null : round(seasonal),
    seasonal_profile: proj.profile,
    needed,
  };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
