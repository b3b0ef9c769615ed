import { AttributionFallback } from 'src/attribution/engine/attribution.types';
import { ModelWeighting } from 'src/attribution/engine/attribution-model.config';
import { normaliseWeights } from 'src/attribution/engine/money/normalise-weights.util';
import { customWeights } from 'src/attribution/engine/models/custom.model';
import { dataDrivenWeights } from 'src/attribution/engine/models/data-driven.model';
import { firstTouchWeights } from 'src/attribution/engine/models/first-touch.model';
import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';
import { lastTouchWeights } from 'src/attribution/engine/models/last-touch.model';
import { linearWeights } from 'src/attribution/engine/models/linear.model';
import { MilestoneAges, milestoneWeights, NO_MILESTONES } from 'src/attribution/engine/models/milestone.model';
import { positionBasedWeights } from 'src/attribution/engine/models/position-based.model';
import { timeDecayWeights } from 'src/attribution/engine/models/time-decay.model';

interface ModelWeights {
  /** Non-negative, summing to 1 within 1e-12. */
  weights: number[];
  fallback: AttributionFallback | null;
}

function rawWeights(weighting: ModelWeighting, touches: readonly JourneyTouch[], milestones: MilestoneAges): number[] {
  switch (weighting.type) {
    case 'FIRST_TOUCH':
      return firstTouchWeights(touches.length);
    case 'LAST_TOUCH':
      return lastTouchWeights(touches, weighting.ignoreDirect);
    case 'LINEAR':
      return linearWeights(touches.length);
    case 'TIME_DECAY':
      return timeDecayWeights(touches, weighting.halfLifeDays);
    case 'POSITION_BASED':
      return positionBasedWeights(touches.length, weighting.firstWeight, weighting.lastWeight);
    case 'CUSTOM':
      return customWeights(touches);
    case 'MARKOV':
    case 'SHAPLEY':
      return dataDrivenWeights(touches, weighting.channelCredit);
    case 'U_SHAPED':
    case 'W_SHAPED':
    case 'FULL_PATH':
    case 'CUSTOM_MILESTONE':
      return milestoneWeights(touches, milestones, weighting.shares);
  }
}

const FALLBACKS: Record<ModelWeighting['type'], AttributionFallback | null> = {
  FIRST_TOUCH: null,
  LAST_TOUCH: null,
  LINEAR: null,
  TIME_DECAY: null,
  POSITION_BASED: null,
  CUSTOM: 'ALL_RULE_WEIGHTS_ZERO',
  MARKOV: 'NO_FITTED_CREDIT',
  SHAPLEY: 'NO_FITTED_CREDIT',
  // Milestone models always credit some touch (milestone.model.ts).
  U_SHAPED: null,
  W_SHAPED: null,
  FULL_PATH: null,
  CUSTOM_MILESTONE: null,
};

/**
 * The model's weights for a non-empty journey, normalised. When a model has nothing to say (every
 * weight 0, which only CUSTOM and the fitted models can produce) the touches share linearly and
 * the result says why. Only the milestone models read `milestones`; without them a conversion
 * has none but its first touch.
 */
export function modelWeights(weighting: ModelWeighting, touches: readonly JourneyTouch[], milestones: MilestoneAges = NO_MILESTONES): ModelWeights {
  const raw = rawWeights(weighting, touches, milestones);
  if (raw.some((weight) => weight > 0)) return { weights: normaliseWeights(raw), fallback: null };
  return { weights: linearWeights(touches.length), fallback: FALLBACKS[weighting.type] };
}
