/** LINEAR: every touch in the window weighs 1/n. */
export function linearWeights(count: number): number[] {
  return Array.from({ length: count }, () => 1 / count);
}
