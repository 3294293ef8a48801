/** Last click: the whole conversion to the newest touchpoint. Weights w₍ₙ₋₁₎ = 1, wᵢ = 0 otherwise. */
export function lastClickWeights(length: number): number[] {
  return Array.from({ length }, (_, i) => (i === length - 1 ? 1 : 0));
}
