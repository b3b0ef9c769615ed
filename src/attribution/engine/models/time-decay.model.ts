import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';

export const DEFAULT_TIME_DECAY_HALF_LIFE_DAYS = 7;

/**
 * TIME_DECAY: w_i ∝ 2^(-Δt_i / H) with Δt_i the touch's age in days. The exponent is taken
 * relative to the newest touch (that one weighs 1), which leaves the proportions unchanged but
 * keeps a 90-day-old journey with a 1-hour half-life from underflowing to all zeros.
 */
export function timeDecayWeights(touches: readonly JourneyTouch[], halfLifeDays: number): number[] {
  const youngest = touches.reduce((min, touch) => Math.min(min, touch.ageDays), Infinity);
  return touches.map((touch) => 2 ** (-(touch.ageDays - youngest) / halfLifeDays));
}
