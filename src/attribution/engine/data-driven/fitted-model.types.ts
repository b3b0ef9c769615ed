/** Everything here is plain JSON (no Map, bigint or Date) so a fit can be stored in a jsonb column as is. */

export interface FitInputsSummary {
  /** Journeys that took part in the fit. */
  journeys: number;
  /** Journeys skipped because their path was empty or nobody followed them (conversions + nulls = 0). */
  ignoredJourneys: number;
  conversions: number;
  value: number;
  nulls: number;
  /** Every channel seen in the journeys, sorted. */
  channels: string[];
}

export interface ChannelCredit {
  channel: string;
  conversions: number;
  value: number;
}

export interface MarkovChannelCredit extends ChannelCredit {
  /** 1 - P(conversion | channel removed) / P(conversion), in [0, 1]. */
  removalEffect: number;
}

export type MarkovOrder = 1 | 2 | 3;

export interface MarkovFittedModel {
  model: 'MARKOV';
  order: MarkovOrder;
  inputs: FitInputsSummary;
  /** Number of transient states of the chain, the start state included. */
  states: number;
  conversionProbability: number;
  credits: MarkovChannelCredit[];
}

export interface ShapleyFittedModel {
  model: 'SHAPLEY';
  inputs: FitInputsSummary;
  credits: ChannelCredit[];
}

export type FittedModel = MarkovFittedModel | ShapleyFittedModel;
