import { CompanyRollup, OpportunityAttribution, PersonAttribution } from 'src/crm/crm-attribution.types';
import { CrmObject, WrittenFields } from 'src/crm/crm-change';

/** Each standard object's name in Twenty's REST paths (`/rest/{plural}`, docs/twenty-contracts.md R1 to R6). */
export const REST_PLURAL: Readonly<Record<CrmObject, string>> = { person: 'people', opportunity: 'opportunities', company: 'companies' };

/** A person's attribution as Twenty's `trackflow*` person fields (DESIGN.md, Names). */
export function personFields(attribution: PersonAttribution) {
  return {
    trackflowVisitorId: attribution.visitorId,
    trackflowSource: attribution.source,
    trackflowMedium: attribution.medium,
    trackflowCampaign: attribution.campaign,
    trackflowFirstTouchDate: attribution.firstTouchAt?.toISOString() ?? null,
    trackflowLastTouchDate: attribution.lastTouchAt?.toISOString() ?? null,
    trackflowTouchCount: attribution.touchCount,
  };
}

export function opportunityFields(attribution: OpportunityAttribution) {
  return {
    trackflowAttributionModel: attribution.modelName,
    trackflowFirstTouchSource: attribution.firstTouchSource,
    trackflowLastTouchSource: attribution.lastTouchSource,
    trackflowMarketingInfluenced: attribution.marketingInfluenced,
  };
}

/** Influenced revenue is a Twenty currency composite, its micros a JSON number. */
export function companyFields(rollup: CompanyRollup) {
  return {
    trackflowFirstTouchSource: rollup.firstTouchSource,
    trackflowInfluencedRevenue: { amountMicros: Number(rollup.influencedRevenueMicros), currencyCode: rollup.currencyCode },
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
export function changedFields(written: WrittenFields, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wanted).filter(([field, value]) => !same(written[field], value)));
}
