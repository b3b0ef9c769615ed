import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * The seed's `time_decay_factor` f is the share of weight a touch keeps per day of age: weight
 * ∝ f^Δt. Equating f^Δt with 2^(-Δt/H) gives the half-life H = ln(0.5) / ln(f), defined for
 * 0 < f < 1 (f = 0.9 ⇒ H ≈ 6.58 days; f = 0.5 ⇒ H = 1 day).
 */
export function halfLifeFromDecayFactor(factor: number): number {
  if (!Number.isFinite(factor) || factor <= 0 || factor >= 1) {
    throw new ValidationFailure('timeDecayFactor', `must be strictly between 0 and 1, got ${factor}`);
  }
  return Math.log(0.5) / Math.log(factor);
}
