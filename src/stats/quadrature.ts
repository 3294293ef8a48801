/**
 * Deterministic quadrature for posterior integrals such as the chance to be best,
 * P(θ_k is the largest) = ∫ f_k(x)·Π_{j≠k} F_j(x) dx.
 *
 * Each posterior gets its own uniform grid over the range that holds all but ~1e-12 of its mass,
 * with `perSd` steps per sd — or, when they overlap, all share one grid (`commonGrid`) and the
 * integrals read the nodes directly. On a grid we keep the density f, its derivative f', the CDF F and the partial first moment G(x) = ∫ y f(y) dy as fourth-order running
 * integrals. An integral over [lo, hi] is cut at every grid's ends; each piece is integrated by
 * Simpson with the finest step of the grids that cover it, reading every posterior's f, F and G by
 * cubic Hermite interpolation (their derivatives f', f and x·f are known; fourth order too; outside
 * its grid a density is 0 and a CDF 0 or 1). So a narrow posterior is resolved wherever it sits, and
 * the work does not grow with the distance between posteriors — a 0% arm next to a 99.97% arm costs
 * no more than two close ones.
 */
export interface GridPosterior {
  lo: number;
  h: number;
  /** Number of intervals (even, for Simpson). */
  n: number;
  x: Float64Array;
  f: Float64Array;
  df: Float64Array;
  F: Float64Array;
  G: Float64Array;
  /** G at the right end: the posterior mean as the grid sees it. */
  mean: number;
}

/**
 * The grid of one posterior over [lo, hi] with `perSd` steps per sd (at least 64 intervals, even).
 * Callers pass mean ± 9 sd for a normal and `betaRange` for a beta, whose tail on the skewed side
 * is far longer than 9 sd (Beta(1, 51) keeps 2.5e-5 of its mass beyond mean + 9 sd).
 */
export function gridOf(
  lo: number,
  hi: number,
  sd: number,
  perSd: number,
): { lo: number; h: number; n: number; x: Float64Array } {
  let n = Math.ceil(((hi - lo) / sd) * perSd);
  n = Math.max(64, n + (n % 2));
  const h = (hi - lo) / n;
  const x = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) x[i] = lo + i * h;
  x[n] = hi;
  return { lo, h, n, x };
}

/** Most intervals a shared grid may have before each posterior gets its own (see `commonGrid`). */
const MAX_COMMON = 4096;

/**
 * One grid for all posteriors — [min lo, max hi] at the finest step any of them asks for — when
 * that stays under 4,096 intervals, which is the usual case (variants of one test overlap). Then
 * every integral reads the nodes directly (fast, no interpolation). Null when the posteriors are
 * far apart relative to the narrowest, or a wide one sits next to a narrow one: each then gets
 * its own grid and the integrals go piece by piece.
 */
export function commonGrid(
  ranges: Array<{ lo: number; hi: number; sd: number; perSd: number }>,
): { lo: number; h: number; n: number; x: Float64Array } | null {
  let lo = Infinity;
  let hi = -Infinity;
  let step = Infinity;
  for (const r of ranges) {
    lo = Math.min(lo, r.lo);
    hi = Math.max(hi, r.hi);
    step = Math.min(step, r.sd / r.perSd);
  }
  if ((hi - lo) / step > MAX_COMMON) return null;
  return gridOf(lo, hi, step, 1);
}

// One reusable work area: the integrands below are short-lived, and allocating them anew for each
// of the 50,000 variant-metrics of a large analysis is what the garbage collector would be busy with.
let pool = new Float64Array(0);

/** `count` zero-filled views of length `len` into the reusable work area (valid until the next call). */
function scratch(count: number, len: number): Float64Array[] {
  if (pool.length < count * len) pool = new Float64Array(count * len * 2);
  const views: Float64Array[] = [];
  for (let k = 0; k < count; k++) views.push(pool.subarray(k * len, (k + 1) * len).fill(0));
  return views;
}

const shared = (ps: GridPosterior[]): boolean => ps.every((p) => p.x === ps[0]!.x);

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
 * A posterior on its grid from its density and the density's derivative at the nodes: F and G by
 * running integrals, everything scaled so that F ends at exactly 1 (the grid holds all the mass).
 * `moment = false` skips G where the expected loss has a closed form (normal posteriors).
 */
export function gridPosterior(
  grid: { lo: number; h: number; n: number; x: Float64Array },
  f: Float64Array,
  df: Float64Array,
  moment = true,
): GridPosterior {
  const F = cumulative(f, df, grid.h);
  const inv = 1 / F[grid.n]!;
  for (let i = 0; i < f.length; i++) {
    f[i] = f[i]! * inv;
    df[i] = df[i]! * inv;
    F[i] = F[i]! * inv;
  }
  if (!moment) return { ...grid, f, df, F, G: F, mean: Number.NaN };
  // G(x) = ∫ y f(y) dy, the same fourth-order running integral with (x·f)' = f + x·f'.
  const G = new Float64Array(f.length);
  const { x, h } = grid;
  const c = (h * h) / 12;
  for (let i = 1; i < f.length; i++) {
    const a = x[i - 1]!;
    const b = x[i]!;
    G[i] =
      G[i - 1]! +
      (h / 2) * (a * f[i - 1]! + b * f[i]!) +
      c * (f[i - 1]! + a * df[i - 1]! - (f[i]! + b * df[i]!));
  }
  return { ...grid, f, df, F, G, mean: G[grid.n]! };
}

/** Cubic Hermite interpolation of node values v with derivatives d on p's grid; `below`/`above` outside. */
function hermite(
  p: GridPosterior,
  v: Float64Array,
  d: Float64Array | null,
  x: number,
  below: number,
  above: number,
): number {
  if (x < p.lo) return below;
  const u = (x - p.lo) / p.h;
  if (u > p.n) return above;
  // The grid's own ends are nodes (a beta density at 0 may be its maximum), not "outside".
  const i = Math.min(p.n - 1, Math.floor(u));
  const t = u - i;
  const t2 = t * t;
  const omt = 1 - t;
  const d0 = d ? d[i]! : p.x[i]! * p.f[i]!;
  const d1 = d ? d[i + 1]! : p.x[i + 1]! * p.f[i + 1]!;
  return (
    (1 + 2 * t) * omt * omt * v[i]! +
    t * omt * omt * p.h * d0 +
    t2 * (3 - 2 * t) * v[i + 1]! +
    t2 * (t - 1) * p.h * d1
  );
}

/** Density of posterior p at x. */
export const densityAt = (p: GridPosterior, x: number): number => hermite(p, p.f, p.df, x, 0, 0);

/** F of posterior p at x. */
export const cdfAt = (p: GridPosterior, x: number): number => hermite(p, p.F, p.f, x, 0, 1);

/** G(x) = ∫_{−∞}^x y f(y) dy of posterior p at x. */
export const partialMeanAt = (p: GridPosterior, x: number): number => hermite(p, p.G, null, x, 0, p.mean);

/**
 * ∫_lo^hi fn(x) dx, cut at the ends of every posterior's grid; each piece by composite Simpson with
 * the finest step among the grids covering it (pieces no grid covers hold no density and are skipped).
 */
export function integrate(ps: GridPosterior[], lo: number, hi: number, fn: (x: number) => number): number {
  const cuts = [lo, hi];
  for (const p of ps) {
    const end = p.lo + p.n * p.h;
    if (p.lo > lo && p.lo < hi) cuts.push(p.lo);
    if (end > lo && end < hi) cuts.push(end);
  }
  cuts.sort((a, b) => a - b);
  let total = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const a = cuts[c]!;
    const b = cuts[c + 1]!;
    if (!(b > a)) continue;
    let h = Infinity;
    for (const p of ps) if (p.lo <= a && p.lo + p.n * p.h >= b) h = Math.min(h, p.h);
    if (h === Infinity) continue;
    let n = Math.ceil((b - a) / h);
    n = Math.max(2, n + (n % 2));
    const step = (b - a) / n;
    let sum = fn(a) + fn(b);
    for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * fn(a + i * step);
    total += (sum * step) / 3;
  }
  return total;
}

/** P(variant k has the largest value) for every k: ∫ f_k·Π_{j≠k} F_j over k's grid, normalised to sum to 1. */
export function chanceToBeBest(ps: GridPosterior[]): number[] {
  if (shared(ps)) return normalise(bestOnSharedGrid(ps));
  const out = ps.map((pk, k) =>
    Math.max(
      0,
      integrate(ps, pk.lo, pk.lo + pk.n * pk.h, (x) => {
        let v = densityAt(pk, x);
        for (let j = 0; j < ps.length && v > 0; j++) if (j !== k) v *= cdfAt(ps[j]!, x);
        return v;
      }),
    ),
  );
  return normalise(out);
}

function normalise(out: number[]): number[] {
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((p) => Math.min(1, p / total)) : out;
}

/** ∫ f_k·Π_{j≠k} F_j on one shared grid, the products as prefix·suffix (F_k may be 0): O(K·n). */
function bestOnSharedGrid(ps: GridPosterior[]): number[] {
  const K = ps.length;
  const n = ps[0]!.x.length;
  const h = ps[0]!.h;
  // suffix[k] = Π_{j>k} F_j, built right to left; prefix runs left to right as k advances.
  const [y, prefix, ...suffix] = scratch(K + 2, n) as [Float64Array, Float64Array, ...Float64Array[]];
  prefix.fill(1);
  suffix[K - 1]!.fill(1);
  for (let k = K - 2; k >= 0; k--) {
    const next = suffix[k + 1]!;
    const cur = suffix[k]!;
    const F = ps[k + 1]!.F;
    for (let i = 0; i < n; i++) cur[i] = next[i]! * F[i]!;
  }
  const out: number[] = [];
  for (let k = 0; k < K; k++) {
    const { f, F } = ps[k]!;
    const sk = suffix[k]!;
    for (let i = 0; i < n; i++) {
      y[i] = f[i]! * prefix[i]! * sk[i]!;
      prefix[i] = prefix[i]! * F[i]!;
    }
    out.push(Math.max(0, simpson(y, h)));
  }
  return out;
}

/** P(θ_v > θ_c) = ∫ f_v·F_c over v's grid. */
export function chanceToBeat(v: GridPosterior, c: GridPosterior): number {
  if (shared([v, c])) {
    const [y] = scratch(1, v.x.length) as [Float64Array];
    for (let i = 0; i < y.length; i++) y[i] = v.f[i]! * c.F[i]!;
    return Math.min(1, Math.max(0, simpson(y, v.h)));
  }
  const p = integrate([v, c], v.lo, v.lo + v.n * v.h, (x) => densityAt(v, x) * cdfAt(c, x));
  return Math.min(1, Math.max(0, p));
}

/** E[max(θ_c − θ_v, 0)] = ∫ f_c(x)·(x·F_v(x) − G_v(x)) dx over c's grid. */
export function expectedLoss(c: GridPosterior, v: GridPosterior): number {
  if (shared([c, v])) {
    const [y] = scratch(1, c.x.length) as [Float64Array];
    for (let i = 0; i < y.length; i++) y[i] = c.f[i]! * Math.max(0, c.x[i]! * v.F[i]! - v.G[i]!);
    return Math.max(0, simpson(y, c.h));
  }
  const l = integrate(
    [c, v],
    c.lo,
    c.lo + c.n * c.h,
    (x) => densityAt(c, x) * Math.max(0, x * cdfAt(v, x) - partialMeanAt(v, x)),
  );
  return Math.max(0, l);
}

/** Composite Simpson's rule of samples y[0..n] on a grid of step h (n even). */
export function simpson(y: Float64Array, h: number): number {
  const n = y.length - 1;
  let s = y[0]! + y[n]!;
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * y[i]!;
  return (s * h) / 3;
}
