import { tQuantile, tTwoSidedP } from './distributions.js';
import { StatsInputError, requireCount, requireFinite, requireProbability } from './errors.js';
import { invert } from './linear-algebra.js';

/**
 * One cell of a factorial test: a combination of factor levels (hook = "question", visual =
 * "ugc", cta = "shop now") with its units and either conversions or a value sum and sum of squares.
 */
export interface FactorialCell {
  levels: Record<string, string>;
  units: number;
  conversions?: number;
  sum?: number;
  sumSq?: number;
}

/** An estimated contrast with its interval and test. */
export interface Effect {
  /** `main` (level vs the factor's first level) or `interaction` (difference in differences). */
  kind: 'main' | 'interaction';
  factors: string[];
  levels: string[];
  estimate: number;
  standardError: number;
  ci: [number, number];
  tStatistic: number;
  pValue: number;
}

export interface FactorialResult {
  factors: Array<{ name: string; levels: string[] }>;
  effects: Effect[];
  /** Residual degrees of freedom (units − parameters). */
  df: number;
  residualVariance: number;
  grandMean: number;
}

interface Column {
  factors: string[];
  levels: string[];
}

/**
 * Main effects and two-way interactions of a factorial test by ordinary least squares on the
 * unit-level outcomes, computed from cell sufficient statistics (units, Σy, Σy²): X'X = Σ n_c·x_cx_c',
 * X'y = Σ x_c·Σy_c, RSS = Σy² − β'X'y. Factors are effect-coded (sum-to-zero; the first level of
 * each factor is coded −1), interactions are products of those columns; three-way and higher
 * interactions are left in the residual. Cov(β) = σ̂²(X'X)⁻¹ with σ̂² = RSS/(N − p). Reported
 * contrasts, each with a t interval on N − p df (Montgomery, Design and Analysis of Experiments,
 * ch. 5–6): the main effect of each level against the factor's first level, averaged over the
 * other factors; and for each pair of non-first levels of two factors the interaction contrast
 * μ(a,b) − μ(a,a₀) − μ(a₀,b) + μ(a₀,b₀) (does the hook work differently with this visual?).
 * Same numbers as statsmodels `ols('y ~ C(f1, Sum) * C(f2, Sum) + …')` with the matching t_test.
 */
export function factorialAnalysis(cells: FactorialCell[], alpha = 0.05): FactorialResult {
  requireProbability('alpha', alpha);
  if (cells.length < 2) throw new StatsInputError('cells', `need at least two cells (got ${cells.length})`);
  const factors: Array<{ name: string; levels: string[] }> = [];
  const proportion = cells[0]!.conversions !== undefined;
  cells.forEach((c, i) => {
    requireCount(`cells[${i}].units`, c.units);
    if (proportion) {
      if (c.conversions === undefined)
        throw new StatsInputError(`cells[${i}].conversions`, 'is missing (the first cell has conversions)');
      requireCount(`cells[${i}].conversions`, c.conversions);
      if (c.conversions > c.units)
        throw new StatsInputError(`cells[${i}].conversions`, `exceeds units (${c.conversions} > ${c.units})`);
    } else {
      if (c.sum === undefined || c.sumSq === undefined)
        throw new StatsInputError(`cells[${i}].sum`, 'needs sum and sumSq (or conversions)');
      requireFinite(`cells[${i}].sum`, c.sum);
      requireFinite(`cells[${i}].sumSq`, c.sumSq);
    }
    for (const [name, level] of Object.entries(c.levels)) {
      let f = factors.find((x) => x.name === name);
      if (!f) {
        if (i > 0)
          throw new StatsInputError(`cells[${i}].levels.${name}`, 'is a factor the first cell does not have');
        f = { name, levels: [] };
        factors.push(f);
      }
      if (!f.levels.includes(level)) f.levels.push(level);
    }
    if (Object.keys(c.levels).length !== factors.length)
      throw new StatsInputError(
        `cells[${i}].levels`,
        `must give a level for each of ${factors.map((f) => f.name).join(', ')}`,
      );
  });
  factors.forEach((f) => {
    if (f.levels.length < 2)
      throw new StatsInputError(
        `factor ${f.name}`,
        `has only one level (${f.levels[0]}): nothing to compare`,
      );
  });
  const cols: Column[] = [{ factors: [], levels: [] }];
  for (const f of factors) for (const l of f.levels.slice(1)) cols.push({ factors: [f.name], levels: [l] });
  for (let a = 0; a < factors.length; a++)
    for (let b = a + 1; b < factors.length; b++)
      for (const la of factors[a]!.levels.slice(1))
        for (const lb of factors[b]!.levels.slice(1))
          cols.push({ factors: [factors[a]!.name, factors[b]!.name], levels: [la, lb] });

  const code = (factor: string, level: string, colLevel: string): number => {
    const first = factors.find((f) => f.name === factor)!.levels[0];
    if (level === colLevel) return 1;
    return level === first ? -1 : 0;
  };
  /** Design row for a (partial) assignment of levels; absent factors average to 0. */
  const row = (levels: Record<string, string>): number[] =>
    cols.map((c) =>
      c.factors.reduce((v, f, i) => (levels[f] === undefined ? 0 : v * code(f, levels[f]!, c.levels[i]!)), 1),
    );

  const p = cols.length;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  let N = 0;
  let yy = 0;
  let sumY = 0;
  for (const c of cells) {
    const x = row(c.levels);
    const s = proportion ? c.conversions! : c.sum!;
    const ss = proportion ? c.conversions! : c.sumSq!;
    N += c.units;
    yy += ss;
    sumY += s;
    for (let i = 0; i < p; i++) {
      xty[i]! += x[i]! * s;
      for (let j = 0; j < p; j++) xtx[i]![j]! += c.units * x[i]! * x[j]!;
    }
  }
  const inv = invert(xtx);
  if (!inv)
    throw new StatsInputError(
      'cells',
      'the design cannot be estimated: some level combinations have no units',
    );
  const beta = inv.map((r) => r.reduce((s, v, j) => s + v * xty[j]!, 0));
  const df = N - p;
  if (df < 1) throw new StatsInputError('units', `need more units than parameters (${N} ≤ ${p})`);
  const rss = Math.max(0, yy - beta.reduce((s, b, i) => s + b * xty[i]!, 0));
  const s2 = rss / df;
  if (!(s2 > 0))
    throw new StatsInputError('cells', 'zero residual variance: every unit of a cell has the same value');
  const crit = tQuantile(1 - alpha / 2, df);
  const contrast = (kind: Effect['kind'], fs: string[], ls: string[], c: number[]): Effect => {
    const est = c.reduce((s, v, i) => s + v * beta[i]!, 0);
    let v = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) v += c[i]! * inv[i]![j]! * c[j]!;
    const se = Math.sqrt(s2 * Math.max(0, v));
    const t = est / se;
    return {
      kind,
      factors: fs,
      levels: ls,
      estimate: est,
      standardError: se,
      ci: [est - crit * se, est + crit * se],
      tStatistic: t,
      pValue: tTwoSidedP(t, df),
    };
  };
  const sub = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!);
  const effects: Effect[] = [];
  for (const f of factors)
    for (const l of f.levels.slice(1))
      effects.push(
        contrast('main', [f.name], [l], sub(row({ [f.name]: l }), row({ [f.name]: f.levels[0]! }))),
      );
  for (let a = 0; a < factors.length; a++)
    for (let b = a + 1; b < factors.length; b++) {
      const A = factors[a]!;
      const B = factors[b]!;
      for (const la of A.levels.slice(1))
        for (const lb of B.levels.slice(1)) {
          const r = (x: string, y: string) => row({ [A.name]: x, [B.name]: y });
          const c = sub(
            sub(r(la, lb), r(la, B.levels[0]!)),
            sub(r(A.levels[0]!, lb), r(A.levels[0]!, B.levels[0]!)),
          );
          effects.push(contrast('interaction', [A.name, B.name], [la, lb], c));
        }
    }
  return { factors, effects, df, residualVariance: s2, grandMean: N > 0 ? sumY / N : 0 };
}

/** The wire form of a factorial analysis (snake case, as every API answer): effects with intervals. */
export function factorialReport(r: FactorialResult) {
  return {
    factors: r.factors,
    grand_mean: r.grandMean,
    residual_variance: r.residualVariance,
    df: r.df,
    effects: r.effects.map((e) => ({
      kind: e.kind,
      factors: e.factors,
      levels: e.levels,
      estimate: e.estimate,
      standard_error: e.standardError,
      ci_lower: e.ci[0],
      ci_upper: e.ci[1],
      t_statistic: e.tStatistic,
      p_value: e.pValue,
    })),
  };
}
