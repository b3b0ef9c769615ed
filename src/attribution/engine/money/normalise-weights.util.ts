import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * Neumaier's compensated sum: with 100k weights a plain running sum drifts by up to ~1e-11, which
 * would break the promise that weights sum to 1 within 1e-12.
 */
export function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const next = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/** Scales non-negative raw weights so they sum to 1; the caller must have ruled out an all-zero vector. */
export function normaliseWeights(raw: readonly number[]): number[] {
  raw.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight < 0) throw new ValidationFailure(`weights[${index}]`, `must be a finite number >= 0, got ${weight}`);
  });
  const total = compensatedSum(raw);
  if (!(total > 0)) throw new ValidationFailure('weights', 'must not all be zero');
  return raw.map((weight) => weight / total);
}
