/** Clicks stored but not counted, as a screen says them beside the counted ones. */
export type FilteredClicks = { bots: number; internal: number };

export const FILTERED_EXPLANATION =
  'Filtered clicks are stored but not counted: bots and crawlers by user agent (curl, wget and HTTP libraries count as bots), and internal traffic from the IP ranges in settings. Test with a real browser from outside your network to see a click counted.';

/** "3 filtered (2 bots, 1 internal)"; null when nothing was filtered, so the screen shows nothing. */
export function filteredSummary({ bots, internal }: FilteredClicks): string | null {
  const total = bots + internal;
  if (total === 0) return null;
  const parts = [bots > 0 && `${bots} bot${bots === 1 ? '' : 's'}`, internal > 0 && `${internal} internal`].filter(Boolean);
  return `${total} filtered (${parts.join(', ')})`;
}
