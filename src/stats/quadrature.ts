/**
 * A common grid for posterior integrals such as P(θ_k is the largest) = ∫ f_k(x)·Π_{j≠k} F_j(x) dx.
 * The grid spans every posterior's mean ± 10 sd (clipped to the support) with a step of at most
 * 1/16 of the narrowest posterior's sd, so each density is resolved; composite Simpson then has an
 * error far below the 1e-6 the tests ask for.
 */
export interface GridSpec {
  lo: number;
  h: number;
  /** Number of intervals (even, for Simpson). */
  n: number;
}

const MAX_INTERVALS = 20_000;

/** Grid over [min(m − 10s), max(m + 10s)] ∩ [supportLo, supportHi], step ≤ min(s)/8. */
export function gridFor(means: number[], sds: number[], supportLo: number, supportHi: number): GridSpec {
  let lo = Infinity;
  let hi = -Infinity;
  let smin = Infinity;
  for (let i = 0; i < means.length; i++) {
    lo = Math.min(lo, means[i]! - 10 * sds[i]!);
    hi = Math.max(hi, means[i]! + 10 * sds[i]!);
    smin = Math.min(smin, sds[i]!);
  }
  lo = Math.max(lo, supportLo);
  hi = Math.min(hi, supportHi);
  let n = Math.ceil((hi - lo) / (smin / 16));
  n = Math.min(MAX_INTERVALS, Math.max(64, n + (n % 2)));
  return { lo, h: (hi - lo) / n, n };
}

/** Composite Simpson's rule of samples y[0..n] on a grid of step h (n even). */
export function simpson(y: Float64Array, h: number): number {
  const n = y.length - 1;
  let s = y[0]! + y[n]!;
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * y[i]!;
  return (s * h) / 3;
}

/**
 * Running integral ∫_lo^x f by the trapezoid rule with the Euler–Maclaurin end correction
 * h²/12·(f'(a) − f'(b)) per step, which makes it fourth order (error O(h⁴)) given f'.
 */
export function cumulative(f: Float64Array, df: Float64Array, h: number): Float64Array {
  const F = new Float64Array(f.length);
  const c = (h * h) / 12;
  for (let i = 1; i < f.length; i++)
    F[i] = F[i - 1]! + (h / 2) * (f[i - 1]! + f[i]!) + c * (df[i - 1]! - df[i]!);
  return F;
}

/**
 * P(variant k has the largest value) for every k, from each posterior's density f and CDF F on a
 * common grid: ∫ f_k·Π_{j≠k} F_j by Simpson, normalised to sum to 1.
 */
export function chanceToBeBest(f: Float64Array[], F: Float64Array[], h: number): number[] {
  const K = f.length;
  const n = f[0]!.length;
  const y = new Float64Array(n);
  const out: number[] = [];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      let v = f[k]![i]!;
      for (let j = 0; j < K; j++) if (j !== k) v *= F[j]![i]!;
      y[i] = v;
    }
    out.push(Math.max(0, simpson(y, h)));
  }
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((p) => Math.min(1, p / total)) : out;
}
