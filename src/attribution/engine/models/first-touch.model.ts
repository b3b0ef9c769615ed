/** FIRST_TOUCH: the oldest touch in the window takes everything. */
export function firstTouchWeights(count: number): number[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? 1 : 0));
}
