import { AttributionRow } from 'src/attribution/engine/attribution.types';
import { LeadJourney } from 'src/crm/crm-attribution.types';

/** The marketing story a person carries in the CRM: where the first touch came from, when the first and last were, how many. */
export function leadJourney(rows: readonly AttributionRow[]): LeadJourney {
  const first = rows[0]?.touchpoint;
  const last = rows[rows.length - 1]?.touchpoint;
  return {
    source: first?.source ?? null,
    medium: first?.medium ?? null,
    campaign: first?.campaign ?? null,
    firstTouchAt: first?.at ?? null,
    lastTouchAt: last?.at ?? null,
    touchCount: rows.length,
  };
}
