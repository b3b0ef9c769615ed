import type { FilteredClicks } from '../filtered-clicks';

/** The GraphQL of the overview screen and the shapes it reads. */

export interface OverviewFigures {
  clicks: number;
  visitors: number;
  sessions: number;
  leads: number;
  dealsWon: number;
  currencyCode: string;
  revenue: string;
  cost: string | null;
  roiPercentage: number | null;
}

export interface OverviewPoint {
  label: string;
  clicks: number;
  visitors: number;
  sessions: number;
}

export interface CreditRow {
  key: string;
  label: string;
  currencyCode: string;
  conversions: number;
  value: string;
}

export interface Overview {
  analyticsOverview: { interval: 'DAY' | 'WEEK'; current: OverviewFigures; previous: OverviewFigures; series: OverviewPoint[]; filteredClicks: FilteredClicks };
  byCampaign: { modelName: string; rows: CreditRow[] };
  byChannel: { modelName: string; rows: CreditRow[] };
}

export interface AttributionModelSummary {
  id: string;
  name: string;
  modelType: string;
  isDefault: boolean;
  isActive: boolean;
  fittedAt: string | null;
  fitPeriodStart: string | null;
  fitPeriodEnd: string | null;
  /** The stored fit of a MARKOV or SHAPLEY model; the screens read only how many journeys it saw. */
  fittedModel: { inputs?: { journeys?: number } } | null;
}

export const ATTRIBUTION_MODELS = `query AttributionModels { attributionModels { id name modelType isDefault isActive fittedAt fitPeriodStart fitPeriodEnd fittedModel } }`;

const FIGURES = 'clicks visitors sessions leads dealsWon currencyCode revenue cost roiPercentage';
const CREDITS = 'modelName rows { key label currencyCode conversions value }';

export const OVERVIEW = `query Overview($from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $timeZone: String, $model: String) {
  analyticsOverview(from: $from, to: $to, interval: $interval, timeZone: $timeZone) {
    interval current { ${FIGURES} } previous { ${FIGURES} } series { label clicks visitors sessions } filteredClicks { bots internal } }
  byCampaign: attributionReport(from: $from, to: $to, groupBy: CAMPAIGN, model: $model) { ${CREDITS} }
  byChannel: attributionReport(from: $from, to: $to, groupBy: CHANNEL, model: $model) { ${CREDITS} } }`;
