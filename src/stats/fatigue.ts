import { normalCdf } from './distributions.js';
import { holm } from './corrections.js';
import { StatsInputError, requireCount, requireFinite, requireProbability } from './errors.js';

/** One point of a creative's series: day number (or frequency bucket) with trials and successes. */
export interface FatiguePoint {
  /** Day index, date as a day number, or exposure frequency: any increasing scale. */
  t: number;
  /** Impressions for CTR, clicks (or visits) for CVR. */
  trials: number;
  /** Clicks for CTR, conversions for CVR. */
  successes: number;
}

export interface FatigueInput {
  creative: string;
  points: FatiguePoint[];
}

/** The evidence behind a fatigue flag. */
export interface FatigueResult {
  creative: string;
  /** Cochran–Armitage z; negative means the rate falls with t. */
  z: number | null;
  /** One-sided p-value for a decline, P(Z ≤ z). */
  pValue: number | null;
  /** Holm-adjusted over all creatives analysed together. */
  pAdjusted: number | null;
  /** Weighted least-squares slope of the rate per unit of t, and relative to the mean rate. */
  slope: number | null;
  relativeSlope: number | null;
  /** Pooled rate of the first and the last third of the points (by t), and the relative change. */
  earlyRate: number | null;
  recentRate: number | null;
  relativeChange: number | null;
  fatigued: boolean;
}

/**
 * Creative fatigue: a statistically significant decline of a rate (CTR, CVR) over time or
 * exposure frequency, by the Cochran–Armitage test for trend in proportions (Agresti 2002,
 * Categorical Data Analysis, §5.3.5): with p̄ = Σs/Σn and t̄ = Σn·t/Σn,
 * z = Σ t_i(s_i − n_i·p̄) / √(p̄(1 − p̄)·Σ n_i(t_i − t̄)²), one-sided p = Φ(z) for a decline. The
 * slope b = Σ t_i(s_i − n_i·p̄)/Σ n_i(t_i − t̄)² is the weighted least-squares slope of the rate.
 * Across creatives the p-values are Holm-adjusted; a creative is flagged when the adjusted p is
 * below alpha and the recent rate is at least `minDecline` (default 10%) below the early one, so a
 * tiny but significant drift on a huge campaign is not called fatigue.
 */
export function detectFatigue(inputs: FatigueInput[], alpha = 0.05, minDecline = 0.1): FatigueResult[] {
  requireProbability('alpha', alpha);
  requireFinite('min_decline', minDecline);
  const raw = inputs.map((c, ci) => {
    const pts = [...c.points].sort((a, b) => a.t - b.t);
    pts.forEach((p, i) => {
      requireFinite(`creatives[${ci}].points[${i}].t`, p.t);
      requireCount(`creatives[${ci}].points[${i}].trials`, p.trials);
      requireCount(`creatives[${ci}].points[${i}].successes`, p.successes);
      if (p.successes > p.trials)
        throw new StatsInputError(
          `creatives[${ci}].points[${i}].successes`,
          `exceeds trials (${p.successes} > ${p.trials})`,
        );
    });
    let N = 0;
    let S = 0;
    let NT = 0;
    for (const p of pts) {
      N += p.trials;
      S += p.successes;
      NT += p.trials * p.t;
    }
    const third = Math.max(1, Math.floor(pts.length / 3));
    const pooled = (ps: FatiguePoint[]) => {
      const n = ps.reduce((a, p) => a + p.trials, 0);
      return n === 0 ? null : ps.reduce((a, p) => a + p.successes, 0) / n;
    };
    const early = pts.length >= 2 ? pooled(pts.slice(0, third)) : null;
    const recent = pts.length >= 2 ? pooled(pts.slice(-third)) : null;
    const change = early === null || recent === null || early === 0 ? null : recent / early - 1;
    const base = { creative: c.creative, earlyRate: early, recentRate: recent, relativeChange: change };
    if (N === 0) return { ...base, z: null, pValue: null, slope: null, relativeSlope: null };
    const pbar = S / N;
    const tbar = NT / N;
    let T = 0;
    let sxx = 0;
    for (const p of pts) {
      T += p.t * (p.successes - p.trials * pbar);
      sxx += p.trials * (p.t - tbar) ** 2;
    }
    const v = pbar * (1 - pbar) * sxx;
    if (!(v > 0) || sxx === 0) return { ...base, z: null, pValue: null, slope: null, relativeSlope: null };
    const z = T / Math.sqrt(v);
    const slope = T / sxx;
    return { ...base, z, pValue: normalCdf(z), slope, relativeSlope: pbar === 0 ? null : slope / pbar };
  });
  const adj = holm(raw.map((r) => r.pValue));
  return raw.map((r, i) => {
    const pa = adj[i] ?? null;
    return {
      ...r,
      pAdjusted: pa,
      fatigued: pa !== null && pa < alpha && r.relativeChange !== null && r.relativeChange <= -minDecline,
    };
  });
}
