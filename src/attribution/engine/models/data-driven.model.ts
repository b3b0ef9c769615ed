import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';

/**
 * MARKOV and SHAPLEY applied to one conversion: a channel's fitted credit is shared equally by
 * that channel's touches in the journey; channels the fit never credited weigh 0.
 */
export function dataDrivenWeights(touches: readonly JourneyTouch[], channelCredit: ReadonlyMap<string, number>): number[] {
  const touchesPerChannel = new Map<string, number>();
  for (const touch of touches) touchesPerChannel.set(touch.channel, (touchesPerChannel.get(touch.channel) ?? 0) + 1);
  return touches.map((touch) => (channelCredit.get(touch.channel) ?? 0) / (touchesPerChannel.get(touch.channel) ?? 1));
}
