/** Linear: every touchpoint of the path gets the same share, wᵢ = 1/n. */
export function linearWeights(length: number): number[] {
  return Array.from({ length }, () => 1 / length);
}
