import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';

const DIRECT_CHANNEL = 'Direct';

/**
 * LAST_TOUCH: the newest touch takes everything. With `ignoreDirect` (Google's "last non-direct
 * click") it is the newest touch whose channel is not Direct, unless every touch is Direct.
 */
export function lastTouchWeights(touches: readonly JourneyTouch[], ignoreDirect: boolean): number[] {
  let winner = touches.length - 1;
  if (ignoreDirect) {
    let candidate = winner;
    while (candidate >= 0 && touches[candidate].channel === DIRECT_CHANNEL) candidate -= 1;
    if (candidate >= 0) winner = candidate;
  }
  return touches.map((_, index) => (index === winner ? 1 : 0));
}
