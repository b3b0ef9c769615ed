export const DEFAULT_POSITION_BASED_FIRST_WEIGHT = 0.4;
export const DEFAULT_POSITION_BASED_LAST_WEIGHT = 0.4;
const ROUNDING_NOISE = 4 * Number.EPSILON;

/**
 * What two end shares leave for the touches between them. 1 - 0.7 - 0.3 is 5.6e-17, not 0, in
 * binary: anything within rounding error of 0 is 0, so f + l = 1 leaves the middle exactly nothing.
 */
export function shareLeftBy(firstWeight: number, lastWeight: number): number {
  const rest = 1 - firstWeight - lastWeight;
  return rest > ROUNDING_NOISE ? rest : 0;
}

/**
 * POSITION_BASED (U-shaped): n = 1 → 1; n = 2 → f/(f+l) and l/(f+l), or 1/2 each when f + l = 0;
 * n ≥ 3 → f to the first, l to the last and (1 - f - l)/(n - 2) to each middle touch, so the
 * middle touches share whatever the ends leave.
 */
export function positionBasedWeights(count: number, firstWeight: number, lastWeight: number): number[] {
  if (count === 1) return [1];
  if (count === 2) {
    const ends = firstWeight + lastWeight;
    return ends === 0 ? [0.5, 0.5] : [firstWeight / ends, lastWeight / ends];
  }
  const middle = shareLeftBy(firstWeight, lastWeight) / (count - 2);
  return Array.from({ length: count }, (_, index) => (index === 0 ? firstWeight : index === count - 1 ? lastWeight : middle));
}
