/**
 * Inverse of a small symmetric positive-definite matrix (the normal equations of a factorial
 * design) by Gauss–Jordan elimination with partial pivoting; null when it is singular, i.e. the
 * design cannot separate some effects.
 */
export function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...a.map((r, i) => Math.abs(r[i]!)), 1e-300);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[piv]![col]!)) piv = r;
    if (Math.abs(m[piv]![col]!) <= 1e-10 * scale) return null;
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    const row = m[col]!;
    const d = row[col]!;
    for (let j = 0; j < 2 * n; j++) row[j] = row[j]! / d;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      if (f === 0) continue;
      const target = m[r]!;
      for (let j = 0; j < 2 * n; j++) target[j] = target[j]! - f * row[j]!;
    }
  }
  return m.map((r) => r.slice(n));
}
