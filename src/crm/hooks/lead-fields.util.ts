import { AttributionRow } from 'src/attribution/engine/attribution.types';

type LeadFields = {
  trackflowSource: string | null;
  trackflowMedium: string | null;
  trackflowCampaign: string | null;
  trackflowFirstTouchDate: string | null;
  trackflowLastTouchDate: string | null;
  trackflowTouchCount: number;
};

/** The marketing story a person carries in Twenty: where the first touch came from, when the first and last were, how many. */
export function leadFields(rows: readonly AttributionRow[]): LeadFields {
  const first = rows[0]?.touchpoint;
  const last = rows[rows.length - 1]?.touchpoint;
  return {
    trackflowSource: first?.source ?? null,
    trackflowMedium: first?.medium ?? null,
    trackflowCampaign: first?.campaign ?? null,
    trackflowFirstTouchDate: first ? first.at.toISOString() : null,
    trackflowLastTouchDate: last ? last.at.toISOString() : null,
    trackflowTouchCount: rows.length,
  };
}

/**
 * Whether Twenty already holds the wanted value: dates compare as instants whatever their
 * formatting, composite values (a currency) field by field, and micros as numbers or digit strings.
 */
function same(current: unknown, next: unknown): boolean {
  if (typeof current === 'string' && typeof next === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(next)) return Date.parse(current) === Date.parse(next);
  if (next !== null && typeof next === 'object') {
    return current !== null && typeof current === 'object' && Object.entries(next).every(([key, value]) => same((current as Record<string, unknown>)[key], value));
  }
  if (typeof next === 'number' && typeof current === 'string') return current === String(next);
  return (current ?? null) === (next ?? null);
}

/** The wanted values that differ from the record's: what to write so that an echo of our own write writes nothing. */
export function changedFields(written: Readonly<Record<string, unknown>>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wanted).filter(([field, value]) => !same(written[field], value)));
}
