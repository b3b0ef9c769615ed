/** A conversion with the touches that led to it, as the path and assist reports read it. */
export interface ConvertingJourney {
  /** The group (channel, source or campaign) of each touch in the lookback window, oldest first; at least one. */
  keys: readonly string[];
  firstTouchMs: number;
  convertedMs: number;
  valueMicros: bigint;
  currencyCode: string;
}
