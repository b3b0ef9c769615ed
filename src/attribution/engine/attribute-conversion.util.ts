import { ValidationFailure } from 'src/common/errors/validation-failure';
import { AttributionModelConfig, resolveAttributionModel } from 'src/attribution/engine/attribution-model.config';
import { AttributionResult, AttributionRow, Conversion, ConversionMilestones, JourneyPosition, Touchpoint } from 'src/attribution/engine/attribution.types';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';
import { MS_PER_DAY, selectTouchpointsInWindow } from 'src/attribution/engine/lookback-window.util';
import { splitMicros } from 'src/attribution/engine/money/largest-remainder.util';
import { JourneyTouch } from 'src/attribution/engine/models/journey-touch.types';
import { MilestoneAges } from 'src/attribution/engine/models/milestone.model';
import { modelWeights } from 'src/attribution/engine/models/model-weights.util';

interface AttributeConversionInput<T extends Touchpoint> {
  conversion: Conversion;
  /** The visitor's touches in any order; those outside the window or after the conversion are ignored. */
  touchpoints: readonly T[];
  model: AttributionModelConfig;
  /** Built once per workspace from its Attribution Channel Rules; without it the default grouping applies. */
  channels?: ChannelClassifier;
}

const DEFAULT_CLASSIFIER = new ChannelClassifier();

function positionOf(index: number, count: number): JourneyPosition {
  if (count === 1) return 'only';
  if (index === 0) return 'first';
  return index === count - 1 ? 'last' : 'middle';
}

/** A milestone after the conversion is not one of its milestones: a lead credited before its deal existed. */
function milestoneAges(conversionMs: number, milestones: ConversionMilestones = {}): MilestoneAges {
  const age = (at: Date | null | undefined, field: keyof ConversionMilestones): number | null => {
    if (!at) return null;
    const ms = at.getTime();
    if (Number.isNaN(ms)) throw new ValidationFailure(`conversion.milestones.${field}`, 'is not a valid date');
    return ms > conversionMs ? null : (conversionMs - ms) / MS_PER_DAY;
  };
  return {
    leadCreated: age(milestones.leadCreatedAt, 'leadCreatedAt'),
    opportunityCreated: age(milestones.opportunityCreatedAt, 'opportunityCreatedAt'),
    closedWon: age(milestones.closedWonAt, 'closedWonAt'),
  };
}

/**
 * Credits one conversion to the visitor's touches under one model. A conversion without any touch
 * in its window is reported as not marketing-influenced, with no rows.
 */
export function attributeConversion<T extends Touchpoint>(input: AttributeConversionInput<T>): AttributionResult<T> {
  const { conversion, model } = input;
  if (conversion.valueMicros < 0n) throw new ValidationFailure('conversion.valueMicros', `must not be negative, got ${conversion.valueMicros}`);
  const { lookbackWindowDays, weighting } = resolveAttributionModel(model);
  const { touchpoints, excluded } = selectTouchpointsInWindow(conversion.at, input.touchpoints, lookbackWindowDays);
  if (touchpoints.length === 0) return { marketingInfluenced: false, rows: [], fallback: null, excluded };

  const classifier = input.channels ?? DEFAULT_CLASSIFIER;
  const conversionMs = conversion.at.getTime();
  const journey: JourneyTouch[] = touchpoints.map((touchpoint) => {
    const { channel, rule } = classifier.classify(touchpoint);
    return { channel, ageDays: (conversionMs - touchpoint.at.getTime()) / MS_PER_DAY, ruleWeight: rule?.weight ?? null };
  });
  // Ages computed as the touches' are, so a touch at a milestone's very instant is at or before it.
  const { weights, fallback } = modelWeights(weighting, journey, milestoneAges(conversionMs, conversion.milestones));
  const values = splitMicros(conversion.valueMicros, weights);
  const rows: AttributionRow<T>[] = touchpoints.map((touchpoint, index) => ({
    touchpoint,
    weight: weights[index],
    attributedValueMicros: values[index],
    position: positionOf(index, touchpoints.length),
    daysToConversion: Math.floor(journey[index].ageDays),
    channel: journey[index].channel,
  }));
  return { marketingInfluenced: true, rows, fallback, excluded };
}
