import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';

/**
 * CUSTOM: each touch weighs the weight of the Attribution Channel Rule that gave it its channel;
 * touches the default grouping classified weigh 0.
 */
export function customWeights(touches: readonly JourneyTouch[]): number[] {
  return touches.map((touch) => touch.ruleWeight ?? 0);
}
