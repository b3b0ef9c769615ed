import { Type } from '@nestjs/common';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';

/**
 * Which hooks run for which Twenty event, the way Frappe's doc_events wired the original app.
 * Events without an entry are acknowledged and logged, nothing more.
 */
export const CRM_HOOKS: Readonly<Record<string, readonly Type<CrmHook>[]>> = {
  'person.created': [LeadHook],
  'person.updated': [LeadHook],
};
