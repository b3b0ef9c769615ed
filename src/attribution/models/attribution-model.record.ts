import { AttributionModelConfig, AttributionModelType, MilestoneWeights } from 'src/attribution/engine/attribution-model.config';
import { ChannelRule, ChannelRuleCondition } from 'src/attribution/engine/channels/channel-rule.types';
import { FittedModel, MarkovOrder } from 'src/attribution/engine/data-driven/fitted-model.types';

/** An Attribution Model row, with numeric columns already read as numbers. */
export interface AttributionModelRecord {
  id: string;
  workspaceId: string;
  name: string;
  modelType: AttributionModelType;
  description: string | null;
  isActive: boolean;
  isDefault: boolean;
  positionBasedFirstWeight: number;
  positionBasedLastWeight: number;
  timeDecayHalfLifeDays: number;
  timeDecayFactor: number | null;
  lookbackWindowDays: number | null;
  ignoreDirect: boolean;
  markovOrder: MarkovOrder;
  /** CUSTOM_MILESTONE's shares in percent; null for every other type. */
  milestoneWeights: MilestoneWeights | null;
  fittedModel: FittedModel | null;
  fittedAt: Date | null;
  fitPeriodStart: Date | null;
  fitPeriodEnd: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelRuleRecord {
  id: string;
  workspaceId: string;
  attributionModelId: string;
  name: string;
  channelName: string;
  matchConditions: ChannelRuleCondition[];
  priority: number;
  weight: number;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const DATA_DRIVEN_TYPES: readonly AttributionModelType[] = ['MARKOV', 'SHAPLEY'];

export function isDataDriven(type: AttributionModelType): type is 'MARKOV' | 'SHAPLEY' {
  return DATA_DRIVEN_TYPES.includes(type);
}

export function toEngineRules(rules: readonly ChannelRuleRecord[]): ChannelRule[] {
  return rules
    .filter((rule) => rule.isActive)
    .map((rule) => ({ name: rule.name, channelName: rule.channelName, priority: rule.priority, weight: rule.weight, conditions: rule.matchConditions }));
}

/**
 * The engine's view of a stored model. `windowDays` is the workspace's attribution window, used
 * when the model sets none. A data-driven model must have been fitted first.
 */
export function toEngineConfig(model: AttributionModelRecord, windowDays: number): AttributionModelConfig {
  const lookbackWindowDays = model.lookbackWindowDays ?? windowDays;
  switch (model.modelType) {
    case 'FIRST_TOUCH':
    case 'LINEAR':
    case 'CUSTOM':
      return { type: model.modelType, lookbackWindowDays };
    case 'LAST_TOUCH':
      return { type: model.modelType, lookbackWindowDays, ignoreDirect: model.ignoreDirect };
    case 'TIME_DECAY':
      return { type: model.modelType, lookbackWindowDays, timeDecayHalfLifeDays: model.timeDecayHalfLifeDays };
    case 'POSITION_BASED':
    case 'U_SHAPED':
      return { type: model.modelType, lookbackWindowDays, positionBasedFirstWeight: model.positionBasedFirstWeight, positionBasedLastWeight: model.positionBasedLastWeight };
    case 'W_SHAPED':
    case 'FULL_PATH':
      return { type: model.modelType, lookbackWindowDays };
    case 'CUSTOM_MILESTONE':
      return { type: model.modelType, lookbackWindowDays, milestoneWeights: model.milestoneWeights };
    case 'MARKOV':
      return { type: model.modelType, lookbackWindowDays, fitted: model.fittedModel as Extract<FittedModel, { model: 'MARKOV' }> };
    case 'SHAPLEY':
      return { type: model.modelType, lookbackWindowDays, fitted: model.fittedModel as Extract<FittedModel, { model: 'SHAPLEY' }> };
  }
}
