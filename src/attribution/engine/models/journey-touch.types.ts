/** What the weighting models see of a touch, the oldest touch first. */
export interface JourneyTouch {
  channel: string;
  /** Days from the touch to the conversion, fractional, >= 0. */
  ageDays: number;
  /** Weight of the Attribution Channel Rule that gave the channel; null when the default grouping did. */
  ruleWeight: number | null;
}
