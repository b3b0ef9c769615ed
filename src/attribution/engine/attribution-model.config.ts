import { ValidationFailure } from 'src/common/errors/validation-failure';
import { MarkovFittedModel, ShapleyFittedModel } from 'src/attribution/engine/data-driven/fitted-model.types';
import { DEFAULT_LOOKBACK_WINDOW_DAYS } from 'src/attribution/engine/lookback-window.util';
import { FULL_PATH_SHARES, MILESTONES, MilestoneShares, W_SHAPED_SHARES } from 'src/attribution/engine/models/milestone.model';
import { DEFAULT_POSITION_BASED_FIRST_WEIGHT, DEFAULT_POSITION_BASED_LAST_WEIGHT, shareLeftBy } from 'src/attribution/engine/models/position-based.model';
import { DEFAULT_TIME_DECAY_HALF_LIFE_DAYS } from 'src/attribution/engine/models/time-decay.model';

export const ATTRIBUTION_MODEL_TYPES = [
  'FIRST_TOUCH',
  'LAST_TOUCH',
  'LINEAR',
  'TIME_DECAY',
  'POSITION_BASED',
  'CUSTOM',
  'MARKOV',
  'SHAPLEY',
  'U_SHAPED',
  'W_SHAPED',
  'FULL_PATH',
  'CUSTOM_MILESTONE',
] as const;
export type AttributionModelType = (typeof ATTRIBUTION_MODEL_TYPES)[number];

/** The models that credit a deal's CRM milestones (models/milestone.model.ts). */
export const MILESTONE_MODEL_TYPES = ['U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'] as const satisfies readonly AttributionModelType[];
export type MilestoneModelType = (typeof MILESTONE_MODEL_TYPES)[number];

export function isMilestoneModel(type: AttributionModelType): type is MilestoneModelType {
  return (MILESTONE_MODEL_TYPES as readonly string[]).includes(type);
}

/** A CUSTOM_MILESTONE model's shares in percent, as staff set them: each >= 0, summing to 100. */
export type MilestoneWeights = Record<keyof MilestoneShares, number>;

/** Tolerance on the percentages' sum, so that e.g. 33.3 + 33.3 + 33.4 (= 99.99999999999999 in binary) is 100. */
const PERCENT_SUM_TOLERANCE = 1e-9;

/** Tolerance on f + l ≤ 1, so that e.g. 0.7 + 0.3 (= 1.0000000000000002 in binary) is accepted. */
const POSITION_SUM_TOLERANCE = 1e-12;

interface WindowOption {
  /** Defaults to the workspace's attribution_window_days, 30 when unset. */
  lookbackWindowDays?: number;
}

/** An Attribution Model record as the engine takes it; parameter names follow the seed's fields. */
export type AttributionModelConfig = WindowOption &
  (
    | { type: 'FIRST_TOUCH' | 'LINEAR' | 'CUSTOM' }
    | { type: 'LAST_TOUCH'; ignoreDirect?: boolean }
    | { type: 'TIME_DECAY'; timeDecayHalfLifeDays?: number }
    | { type: 'POSITION_BASED' | 'U_SHAPED'; positionBasedFirstWeight?: number; positionBasedLastWeight?: number }
    | { type: 'W_SHAPED' | 'FULL_PATH' }
    | { type: 'CUSTOM_MILESTONE'; milestoneWeights?: MilestoneWeights | null }
    | { type: 'MARKOV'; fitted: MarkovFittedModel }
    | { type: 'SHAPLEY'; fitted: ShapleyFittedModel }
  );

export type ModelWeighting =
  | { type: 'FIRST_TOUCH' | 'LINEAR' | 'CUSTOM' }
  | { type: 'LAST_TOUCH'; ignoreDirect: boolean }
  | { type: 'TIME_DECAY'; halfLifeDays: number }
  | { type: 'POSITION_BASED'; firstWeight: number; lastWeight: number }
  | { type: 'MARKOV' | 'SHAPLEY'; channelCredit: ReadonlyMap<string, number> }
  | { type: MilestoneModelType; shares: MilestoneShares };

interface ResolvedAttributionModel {
  lookbackWindowDays: number;
  weighting: ModelWeighting;
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new ValidationFailure(field, `must be a finite number > 0, got ${value}`);
  return value;
}

function share(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ValidationFailure(field, `must be between 0 and 1, got ${value}`);
  return value;
}

function fittedCredit(fitted: MarkovFittedModel | ShapleyFittedModel, type: 'MARKOV' | 'SHAPLEY'): ReadonlyMap<string, number> {
  if (fitted?.model !== type) throw new ValidationFailure('fitted', `must be a ${type} fit, got ${String(fitted?.model)}`);
  const credit = new Map<string, number>();
  fitted.credits.forEach(({ channel, conversions }, index) => {
    if (!Number.isFinite(conversions) || conversions < 0) {
      throw new ValidationFailure(`fitted.credits[${index}].conversions`, `must be a finite number >= 0, got ${conversions}`);
    }
    credit.set(channel, conversions);
  });
  return credit;
}

function positionWeights(config: { positionBasedFirstWeight?: number; positionBasedLastWeight?: number }): { firstWeight: number; lastWeight: number } {
  const firstWeight = share(config.positionBasedFirstWeight ?? DEFAULT_POSITION_BASED_FIRST_WEIGHT, 'positionBasedFirstWeight');
  const lastWeight = share(config.positionBasedLastWeight ?? DEFAULT_POSITION_BASED_LAST_WEIGHT, 'positionBasedLastWeight');
  if (firstWeight + lastWeight > 1 + POSITION_SUM_TOLERANCE) {
    throw new ValidationFailure('positionBasedLastWeight', `positionBasedFirstWeight + positionBasedLastWeight must be at most 1, got ${firstWeight} + ${lastWeight}`);
  }
  return { firstWeight, lastWeight };
}

/** A CUSTOM_MILESTONE model's percentages as the engine's shares; the error names the weight at fault. */
export function milestoneSharesOf(weights: MilestoneWeights | null | undefined): MilestoneShares {
  if (!weights) throw new ValidationFailure('milestoneWeights', `are required for CUSTOM_MILESTONE: ${[...MILESTONES, 'spread'].join(', ')} in percent, summing to 100`);
  const parts = [...MILESTONES, 'spread' as const];
  for (const part of parts) {
    const value = weights[part];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ValidationFailure(`milestoneWeights.${part}`, `must be a finite number >= 0 (percent), got ${String(value)}`);
  }
  const total = parts.reduce((sum, part) => sum + weights[part], 0);
  if (Math.abs(total - 100) > PERCENT_SUM_TOLERANCE) {
    throw new ValidationFailure('milestoneWeights', `${parts.join(' + ')} must be 100, got ${parts.map((part) => weights[part]).join(' + ')} = ${total}`);
  }
  return Object.fromEntries(parts.map((part) => [part, weights[part] / 100])) as MilestoneShares;
}

/** Validates a model's parameters and fills in the defaults; the error names the offending parameter. */
export function resolveAttributionModel(config: AttributionModelConfig): ResolvedAttributionModel {
  const lookbackWindowDays = positive(config.lookbackWindowDays ?? DEFAULT_LOOKBACK_WINDOW_DAYS, 'lookbackWindowDays');
  return { lookbackWindowDays, weighting: resolveWeighting(config) };
}

function resolveWeighting(config: AttributionModelConfig): ModelWeighting {
  switch (config.type) {
    case 'FIRST_TOUCH':
    case 'LINEAR':
    case 'CUSTOM':
      return { type: config.type };
    case 'LAST_TOUCH':
      return { type: config.type, ignoreDirect: config.ignoreDirect ?? false };
    case 'TIME_DECAY':
      return { type: config.type, halfLifeDays: positive(config.timeDecayHalfLifeDays ?? DEFAULT_TIME_DECAY_HALF_LIFE_DAYS, 'timeDecayHalfLifeDays') };
    case 'POSITION_BASED':
      return { type: config.type, ...positionWeights(config) };
    // U-shaped is position-based with the lead's creation where the last touch was (HubSpot's U-shaped).
    case 'U_SHAPED': {
      const { firstWeight, lastWeight } = positionWeights(config);
      return { type: config.type, shares: { firstTouch: firstWeight, leadCreated: lastWeight, opportunityCreated: 0, closedWon: 0, spread: shareLeftBy(firstWeight, lastWeight) } };
    }
    case 'W_SHAPED':
      return { type: config.type, shares: W_SHAPED_SHARES };
    case 'FULL_PATH':
      return { type: config.type, shares: FULL_PATH_SHARES };
    case 'CUSTOM_MILESTONE':
      return { type: config.type, shares: milestoneSharesOf(config.milestoneWeights) };
    case 'MARKOV':
    case 'SHAPLEY':
      return { type: config.type, channelCredit: fittedCredit(config.fitted, config.type) };
  }
}
