/**
 * What TrackFlow writes on the CRM's records, as plain values: the CRM writer
 * (`crm/twenty/crm-writer.service.ts`) turns them into the CRM's fields.
 */

/** A person a lead form sent: found by email in the CRM and given the visitor id, or created. */
export type LeadPerson = { email: string; firstName: string; lastName: string; visitorId: string | null };

/** The marketing story of a lead's journey: where the first touch came from, when the first and last were, how many. */
export interface LeadJourney {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  firstTouchAt: Date | null;
  lastTouchAt: Date | null;
  touchCount: number;
}

/** A person's attribution: the visitor it is, and that visitor's journey. */
export interface PersonAttribution extends LeadJourney {
  visitorId: string | null;
}

/** A deal's attribution: the model that credited it, its first and last touch's sources, whether marketing touched it at all. */
export interface OpportunityAttribution {
  modelName: string;
  firstTouchSource: string | null;
  lastTouchSource: string | null;
  marketingInfluenced: boolean;
}

/** A company's rollup of its people's journeys and its won deals. */
export interface CompanyRollup {
  firstTouchSource: string | null;
  influencedRevenueMicros: bigint;
  currencyCode: string;
}
