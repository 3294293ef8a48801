/** Multiple-comparison adjustments of p-values; nulls stay null and do not count in m. */
export type Correction = 'holm' | 'bh' | 'bonferroni' | 'none';

function order(ps: Array<number | null>): number[] {
  return ps
    .map((p, i) => [p, i] as const)
    .filter((x): x is readonly [number, number] => x[0] !== null)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((x) => x[1]);
}

/**
 * Holm (1979) step-down: sort the m p-values, p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)).
 * Controls the family-wise error rate under any dependence; never less powerful than Bonferroni.
 */
export function holm(ps: Array<number | null>): Array<number | null> {
  const idx = order(ps);
  const m = idx.length;
  const out: Array<number | null> = ps.map(() => null);
  let running = 0;
  idx.forEach((i, j) => {
    running = Math.max(running, Math.min(1, (m - j) * (ps[i] as number)));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg (1995) step-up: p̃_(i) = min_{j ≥ i} min(1, m·p_(j)/j). Controls the false
 * discovery rate for independent or positively dependent tests.
 */
export function benjaminiHochberg(ps: Array<number | null>): Array<number | null> {
  const idx = order(ps);
  const m = idx.length;
  const out: Array<number | null> = ps.map(() => null);
  let running = 1;
  for (let j = m - 1; j >= 0; j--) {
    const i = idx[j]!;
    running = Math.min(running, Math.min(1, (m * (ps[i] as number)) / (j + 1)));
    out[i] = running;
  }
  return out;
}

/** Bonferroni: p̃ = min(1, m·p). */
export function bonferroni(ps: Array<number | null>): Array<number | null> {
  const m = ps.filter((p) => p !== null).length;
  return ps.map((p) => (p === null ? null : Math.min(1, m * p)));
}

/** Apply the named correction. */
export function adjust(ps: Array<number | null>, correction: Correction): Array<number | null> {
  if (correction === 'holm') return holm(ps);
  if (correction === 'bh') return benjaminiHochberg(ps);
  if (correction === 'bonferroni') return bonferroni(ps);
  return [...ps];
}
