/**
 * When the deal behind a conversion met its CRM milestones; null or absent when it never did or
 * TrackFlow does not know. Only the milestone models read them (models/milestone.model.ts).
 */
export interface ConversionMilestones {
  /** The person's lead conversion. */
  leadCreatedAt?: Date | null;
  /** The opportunity's creation in the CRM. */
  opportunityCreatedAt?: Date | null;
  closedWonAt?: Date | null;
}

/** What the engine needs to know about a deal or lead that converted. */
export interface Conversion {
  at: Date;
  valueMicros: bigint;
  currencyCode: string;
  milestones?: ConversionMilestones;
}

/**
 * One marketing touch of the converting visitor. Callers may pass richer objects (ids, visitor,
 * click time...): the engine hands each one back untouched in its result row.
 */
export interface Touchpoint {
  at: Date;
  source?: string | null;
  medium?: string | null;
  campaign?: string | null;
  content?: string | null;
  term?: string | null;
  referrer?: string | null;
  trackedLinkId?: string | null;
  clickId?: string | null;
}

export type JourneyPosition = 'first' | 'middle' | 'last' | 'only';

export interface AttributionRow<T extends Touchpoint = Touchpoint> {
  touchpoint: T;
  /** Share of the conversion in [0, 1]; the weights of one result sum to 1. */
  weight: number;
  attributedValueMicros: bigint;
  position: JourneyPosition;
  /** Whole days elapsed between the touch and the conversion (rounded down). */
  daysToConversion: number;
  channel: string;
}

/**
 * Why a model's own weights were replaced by linear ones: CUSTOM when every matched rule weighs 0
 * (or no touch matched a rule), MARKOV/SHAPLEY when none of the journey's channels earned credit in the fit.
 */
export type AttributionFallback = 'ALL_RULE_WEIGHTS_ZERO' | 'NO_FITTED_CREDIT';

export interface ExcludedTouchpoints {
  beforeWindow: number;
  afterConversion: number;
}

interface MarketingTouchResult<T extends Touchpoint> {
  marketingInfluenced: true;
  /** One row per touch inside the window, oldest first, including touches the model gives weight 0. */
  rows: AttributionRow<T>[];
  fallback: AttributionFallback | null;
  excluded: ExcludedTouchpoints;
}

interface NoMarketingTouchResult {
  marketingInfluenced: false;
  rows: [];
  fallback: null;
  excluded: ExcludedTouchpoints;
}

export type AttributionResult<T extends Touchpoint> = MarketingTouchResult<T> | NoMarketingTouchResult;
