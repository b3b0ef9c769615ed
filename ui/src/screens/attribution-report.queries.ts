/** The GraphQL of the attribution report screen. */
import { Comparison } from '../attribution-comparison';

export const GROUPINGS = { CHANNEL: 'Channel', SOURCE: 'Source', CAMPAIGN: 'Campaign', LINK: 'Link' } as const;
export type Grouping = keyof typeof GROUPINGS;

export const COMPARE_MODELS = `query CompareModels($from: DateTime!, $to: DateTime!, $groupBy: AttributionGroupBy!, $models: [String!]!) {
  compareAttributionModels(from: $from, to: $to, groupBy: $groupBy, models: $models) {
    reports { modelId modelName modelType conversions marketingInfluencedConversions }
    rows { key label currencyCode spread byModel { conversions value } } } }`;

export type CompareModels = { compareAttributionModels: Comparison & { reports: { conversions: number }[] } };

export const FIT_MODEL = `mutation FitModel($id: ID!) { fitAttributionModel(id: $id) { id fittedAt fittedModel } }`;
