/**
 * Journeys aggregated by path, as ChannelAttribution takes them: `conversions` visitors followed
 * `path` and converted (worth `value` in total), `nulls` followed it and did not.
 */
export interface Journey {
  path: string[];
  conversions: number;
  value: number;
  nulls: number;
}
