import { AttributionRow } from 'src/attribution/engine/attribution.types';

export type LeadFields = {
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

/** The wanted values that differ from the record's; dates compare as instants, whatever their formatting. */
export function changedFields(record: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  const same = (current: unknown, next: unknown) => {
    if (typeof current === 'string' && typeof next === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(next)) return Date.parse(current) === Date.parse(next);
    return (current ?? null) === (next ?? null);
  };
  return Object.fromEntries(Object.entries(wanted).filter(([field, value]) => !same(record[field], value)));
}
