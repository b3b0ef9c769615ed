import { ValidationFailure } from 'src/common/errors/validation-failure';
import { MarkovFittedModel, ShapleyFittedModel } from 'src/attribution/engine/data-driven/fitted-model.types';
import { DEFAULT_LOOKBACK_WINDOW_DAYS } from 'src/attribution/engine/lookback-window.util';
import { DEFAULT_POSITION_BASED_FIRST_WEIGHT, DEFAULT_POSITION_BASED_LAST_WEIGHT } from 'src/attribution/engine/models/position-based.model';
import { DEFAULT_TIME_DECAY_HALF_LIFE_DAYS } from 'src/attribution/engine/models/time-decay.model';

export const ATTRIBUTION_MODEL_TYPES = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY'] as const;
export type AttributionModelType = (typeof ATTRIBUTION_MODEL_TYPES)[number];

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
    | { type: 'POSITION_BASED'; positionBasedFirstWeight?: number; positionBasedLastWeight?: number }
    | { type: 'MARKOV'; fitted: MarkovFittedModel }
    | { type: 'SHAPLEY'; fitted: ShapleyFittedModel }
  );

export type ModelWeighting =
  | { type: 'FIRST_TOUCH' | 'LINEAR' | 'CUSTOM' }
  | { type: 'LAST_TOUCH'; ignoreDirect: boolean }
  | { type: 'TIME_DECAY'; halfLifeDays: number }
  | { type: 'POSITION_BASED'; firstWeight: number; lastWeight: number }
  | { type: 'MARKOV' | 'SHAPLEY'; channelCredit: ReadonlyMap<string, number> };

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
    case 'POSITION_BASED': {
      const firstWeight = share(config.positionBasedFirstWeight ?? DEFAULT_POSITION_BASED_FIRST_WEIGHT, 'positionBasedFirstWeight');
      const lastWeight = share(config.positionBasedLastWeight ?? DEFAULT_POSITION_BASED_LAST_WEIGHT, 'positionBasedLastWeight');
      if (firstWeight + lastWeight > 1 + POSITION_SUM_TOLERANCE) {
        throw new ValidationFailure('positionBasedLastWeight', `positionBasedFirstWeight + positionBasedLastWeight must be at most 1, got ${firstWeight} + ${lastWeight}`);
      }
      return { type: config.type, firstWeight, lastWeight };
    }
    case 'MARKOV':
    case 'SHAPLEY':
      return { type: config.type, channelCredit: fittedCredit(config.fitted, config.type) };
  }
}
