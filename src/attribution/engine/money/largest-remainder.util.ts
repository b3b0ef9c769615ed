import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * Weights become integers on a 2^53 grid relative to the largest one, so every quota below is an
 * exact rational: rounding cannot make the parts miss the total. A weight below 2^-53 of the
 * largest one counts as 0 (worth under one micro for any amount below 9 billion currency units).
 */
const GRID = 2 ** 53;

/**
 * Splits `total` micros in proportion to `weights` by the largest-remainder (Hamilton) method:
 * each part gets the floor of its exact quota, then the micros left over go one each to the
 * largest remainders, the lower index first on a tie. The parts always sum exactly to `total`,
 * and a weight of 0 never receives anything.
 */
export function splitMicros(total: bigint, weights: readonly number[]): bigint[] {
  if (total < 0n) throw new ValidationFailure('total', `must not be negative, got ${total} micros`);
  if (total === 0n) return weights.map(() => 0n);
  let largest = 0;
  weights.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight < 0) throw new ValidationFailure(`weights[${index}]`, `must be a finite number >= 0, got ${weight}`);
    if (weight > largest) largest = weight;
  });
  if (largest === 0) throw new ValidationFailure('weights', `must contain a positive weight to split ${total} micros`);

  const scaled = weights.map((weight) => BigInt(Math.round((weight / largest) * GRID)));
  const scaledSum = scaled.reduce((sum, weight) => sum + weight, 0n);
  const parts = new Array<bigint>(scaled.length);
  const remainders = new Array<bigint>(scaled.length);
  let allocated = 0n;
  for (let i = 0; i < scaled.length; i += 1) {
    const quota = total * scaled[i];
    parts[i] = quota / scaledSum;
    remainders[i] = quota % scaledSum;
    allocated += parts[i];
  }

  const leftover = Number(total - allocated);
  if (leftover > 0) {
    const order: number[] = [];
    const approximate = new Float64Array(remainders.length);
    for (let i = 0; i < remainders.length; i += 1) {
      if (remainders[i] === 0n) continue;
      order.push(i);
      approximate[i] = Number(remainders[i]);
    }
    // Comparing the float images first is the fast path; equal images fall back to the exact
    // bigints, so the order stays exactly "largest remainder, then lower index".
    order.sort((a, b) => {
      if (approximate[a] !== approximate[b]) return approximate[b] - approximate[a];
      return remainders[a] > remainders[b] ? -1 : remainders[a] < remainders[b] ? 1 : a - b;
    });
    for (let k = 0; k < leftover; k += 1) parts[order[k]] += 1n;
  }
  return parts;
}
