import { Type } from '@nestjs/common';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyHook } from 'src/crm/hooks/company.hook';
import { DealHook } from 'src/crm/hooks/deal.hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';
import { TwentyLinkHook } from 'src/crm/hooks/twenty-link.hook';
import { TRACKED_LINK } from 'custom-objects/trackflow-data-model';

/**
 * Which hooks run for which Twenty event, the way Frappe's doc_events wired the original app.
 * Events without an entry are acknowledged and logged, nothing more.
 */
export const CRM_HOOKS: Readonly<Record<string, readonly Type<CrmHook>[]>> = {
  'person.created': [LeadHook],
  'person.updated': [LeadHook],
  'opportunity.created': [DealHook],
  'opportunity.updated': [DealHook],
  'company.created': [CompanyHook],
  'company.updated': [CompanyHook],
  [`${TRACKED_LINK.nameSingular}.created`]: [TwentyLinkHook],
};
