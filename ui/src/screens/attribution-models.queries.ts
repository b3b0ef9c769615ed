import type { RuleCondition } from '../channel-rule-text';

const RULE_FIELDS = 'id name channelName priority weight isActive matchConditions';
const MODEL_FIELDS = `id name modelType description isActive isDefault lookbackWindowDays timeDecayHalfLifeDays positionBasedFirstWeight positionBasedLastWeight markovOrder ignoreDirect fittedModel fittedAt fitPeriodStart fitPeriodEnd milestoneWeights { firstTouch leadCreated opportunityCreated closedWon spread } channelRules { ${RULE_FIELDS} }`;

export const ATTRIBUTION_MODELS = `query AttributionModels { attributionModels { ${MODEL_FIELDS} } }`;
export const CREATE_ATTRIBUTION_MODEL = `mutation CreateAttributionModel($input: CreateAttributionModelInput!) { createAttributionModel(input: $input) { id } }`;
export const UPDATE_ATTRIBUTION_MODEL = `mutation UpdateAttributionModel($id: ID!, $input: UpdateAttributionModelInput!) { updateAttributionModel(id: $id, input: $input) { id } }`;
export const SET_DEFAULT_ATTRIBUTION_MODEL = `mutation SetDefaultAttributionModel($id: ID!) { setDefaultAttributionModel(id: $id) { id } }`;
export const CREATE_CHANNEL_RULE = `mutation CreateChannelRule($input: ChannelRuleInput!) { createChannelRule(input: $input) { id } }`;
export const UPDATE_CHANNEL_RULE = `mutation UpdateChannelRule($id: ID!, $input: UpdateChannelRuleInput!) { updateChannelRule(id: $id, input: $input) { id } }`;
export const DELETE_CHANNEL_RULE = `mutation DeleteChannelRule($id: ID!) { deleteChannelRule(id: $id) }`;
export const PREVIEW_CHANNEL_RULES = `query PreviewChannelRules($rules: [UpdateChannelRuleInput!]!) { previewChannelRules(rules: $rules, limit: 25) { at touchpointType source medium campaign referrer channel ruleName } }`;

export interface ChannelRule {
  id: string;
  name: string;
  channelName: string;
  priority: number;
  weight: number;
  isActive: boolean;
  matchConditions: RuleCondition[];
}

export interface AttributionModel {
  id: string;
  name: string;
  modelType: string;
  description: string | null;
  isActive: boolean;
  isDefault: boolean;
  lookbackWindowDays: number | null;
  timeDecayHalfLifeDays: number;
  positionBasedFirstWeight: number;
  positionBasedLastWeight: number;
  markovOrder: number;
  ignoreDirect: boolean;
  /** A MARKOV or SHAPLEY model's stored fit; the form shows how many journeys it was fitted on. */
  fittedModel: { inputs?: { journeys?: number } } | null;
  fittedAt: string | null;
  fitPeriodStart: string | null;
  fitPeriodEnd: string | null;
  milestoneWeights: MilestoneWeights | null;
  channelRules: ChannelRule[];
}

/** A CUSTOM_MILESTONE model's shares in percent, summing to 100. */
export interface MilestoneWeights {
  firstTouch: number;
  leadCreated: number;
  opportunityCreated: number;
  closedWon: number;
  spread: number;
}

export const MILESTONE_WEIGHT_LABELS: Record<keyof MilestoneWeights, string> = {
  firstTouch: 'First touch %',
  leadCreated: 'Lead created %',
  opportunityCreated: 'Opportunity created %',
  closedWon: 'Closed won %',
  spread: 'Spread over the other touches %',
};

/** Where a new custom milestone model starts: full path's shares. */
export const FULL_PATH_WEIGHTS: MilestoneWeights = { firstTouch: 22.5, leadCreated: 22.5, opportunityCreated: 22.5, closedWon: 22.5, spread: 10 };

export interface PreviewTouch {
  at: string;
  touchpointType: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  referrer: string | null;
  channel: string;
  ruleName: string | null;
}

export const MODEL_TYPES = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY', 'U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'] as const;
