import { ValidationFailure } from 'src/common/errors/validation-failure';
import { compareText } from 'src/attribution/engine/compare-text.util';
import { ATTRIBUTION_MODEL_TYPES, AttributionModelType, isMilestoneModel, resolveAttributionModel } from 'src/attribution/engine/attribution-model.config';
import { FitInputsCollector } from 'src/attribution/engine/data-driven/fit-inputs.collector';
import { ChannelCredit, MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';
import { fitMarkov } from 'src/attribution/engine/data-driven/markov.fit';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';
import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';
import { modelWeights } from 'src/attribution/engine/models/model-weights.util';

interface AnalysePathsOptions {
  model: AttributionModelType;
  /** MARKOV only; 1 by default. */
  order?: MarkovOrder;
  /** TIME_DECAY only; 7 by default. */
  halfLifeDays?: number;
}

/** The object `attribution:paths` prints; snake_case keys as ChannelAttribution names them. */
interface PathsAnalysis {
  model: AttributionModelType;
  channels: Record<string, { conversions: number; value: number }>;
  removal_effects?: Record<string, number>;
}

/**
 * Credits aggregated journeys (e.g. from parsePathsCsv) to their channels under one model.
 * Rule-based models split each path's conversions and value by their weights for that path;
 * paths carry no timestamps, so touches are taken to be one day apart, the last one converting
 * on its own day (ages n-1, ..., 1, 0 days). MARKOV and SHAPLEY report their fitted credits.
 */
export function analysePaths(journeys: readonly Journey[], options: AnalysePathsOptions): PathsAnalysis {
  const { model, order, halfLifeDays } = options;
  // The model name comes from the command line, so the type alone does not guarantee it.
  if (!(ATTRIBUTION_MODEL_TYPES as readonly string[]).includes(model)) {
    throw new ValidationFailure('model', `must be one of ${ATTRIBUTION_MODEL_TYPES.filter((type) => type !== 'CUSTOM' && !isMilestoneModel(type)).join(', ')}`);
  }
  if (order !== undefined && model !== 'MARKOV') throw new ValidationFailure('order', 'only applies to the MARKOV model');
  if (halfLifeDays !== undefined && model !== 'TIME_DECAY') throw new ValidationFailure('halfLifeDays', 'only applies to the TIME_DECAY model');
  switch (model) {
    case 'MARKOV': {
      const fitted = fitMarkov(journeys, { order });
      return {
        model,
        channels: creditsByChannel(fitted.credits),
        removal_effects: Object.fromEntries(fitted.credits.map(({ channel, removalEffect }) => [channel, removalEffect])),
      };
    }
    case 'SHAPLEY':
      return { model, channels: creditsByChannel(fitShapley(journeys).credits) };
    case 'CUSTOM':
      throw new ValidationFailure('model', 'CUSTOM weighs touches by the Attribution Channel Rule they matched; aggregated paths carry no touches to match');
    case 'U_SHAPED':
    case 'W_SHAPED':
    case 'FULL_PATH':
    case 'CUSTOM_MILESTONE':
      throw new ValidationFailure('model', `${model} credits a deal's CRM milestones (lead, opportunity, won); aggregated paths carry none`);
    default:
      return { model, channels: creditsByChannel(ruleBasedCredits(journeys, model, halfLifeDays)) };
  }
}

function ruleBasedCredits(
  journeys: readonly Journey[],
  model: 'FIRST_TOUCH' | 'LAST_TOUCH' | 'LINEAR' | 'TIME_DECAY' | 'POSITION_BASED',
  halfLifeDays: number | undefined,
): ChannelCredit[] {
  const { weighting } = resolveAttributionModel(model === 'TIME_DECAY' ? { type: model, timeDecayHalfLifeDays: halfLifeDays } : { type: model });
  const inputs = new FitInputsCollector();
  const credit = new Map<string, ChannelCredit>();
  journeys.forEach((journey, index) => {
    if (!inputs.accept(journey, index)) return;
    const touches: JourneyTouch[] = journey.path.map((channel, step) => ({ channel, ageDays: journey.path.length - 1 - step, ruleWeight: null }));
    modelWeights(weighting, touches).weights.forEach((weight, step) => {
      const channel = journey.path[step];
      const entry = credit.get(channel) ?? { channel, conversions: 0, value: 0 };
      entry.conversions += weight * journey.conversions;
      entry.value += weight * journey.value;
      credit.set(channel, entry);
    });
  });
  return [...credit.values()].sort((a, b) => compareText(a.channel, b.channel));
}

/** Object.fromEntries defines own properties, so a channel named "__proto__" stays an ordinary key. */
function creditsByChannel(credits: readonly ChannelCredit[]): PathsAnalysis['channels'] {
  return Object.fromEntries(credits.map(({ channel, conversions, value }) => [channel, { conversions, value }]));
}
