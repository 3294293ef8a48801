/** First click: the whole conversion to the oldest touchpoint of the path. Weights w₀ = 1, wᵢ = 0 otherwise. */
export function firstClickWeights(length: number): number[] {
  return Array.from({ length }, (_, i) => (i === 0 ? 1 : 0));
}
