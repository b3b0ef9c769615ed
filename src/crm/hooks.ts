import { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyHook } from 'src/crm/hooks/company.hook';
import { CrmDeleteHook } from 'src/crm/hooks/crm-delete.hook';
import { DealHook } from 'src/crm/hooks/deal.hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';
import { TwentyLinkHook } from 'src/crm/hooks/twenty-link.hook';
import { CAMPAIGN, LINK_VARIANT, TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { MirrorEditHook } from 'src/crm/hooks/mirror-edit.hook';

/**
 * Which hooks run for which Twenty event, the way Frappe's doc_events wired the original app.
 * Events without an entry are acknowledged and logged, nothing more.
 */
export const CRM_HOOKS: Readonly<Record<string, readonly Type<CrmHook>[]>> = {
  'person.created': [LeadHook],
  'person.updated': [LeadHook],
  'person.restored': [LeadHook],
  'person.deleted': [CrmDeleteHook],
  'person.destroyed': [CrmDeleteHook],
  'opportunity.created': [DealHook],
  'opportunity.updated': [DealHook],
  'opportunity.restored': [DealHook],
  'opportunity.deleted': [CrmDeleteHook],
  'opportunity.destroyed': [CrmDeleteHook],
  'company.created': [CompanyHook],
  'company.updated': [CompanyHook],
  'company.restored': [CompanyHook],
  'company.deleted': [CrmDeleteHook],
  'company.destroyed': [CrmDeleteHook],
  [`${TRACKED_LINK.nameSingular}.created`]: [TwentyLinkHook],
  [`${CAMPAIGN.nameSingular}.updated`]: [MirrorEditHook],
  [`${TRACKED_LINK.nameSingular}.updated`]: [MirrorEditHook],
  [`${LINK_VARIANT.nameSingular}.updated`]: [MirrorEditHook],
};

/** Runs the hooks of one change, whether a delivery brought it or reconciliation found it; returns what each did. */
export async function runCrmHooks(moduleRef: ModuleRef, workspaceId: string, event: TwentyWebhookEvent): Promise<string[]> {
  const outcomes: string[] = [];
  for (const hook of CRM_HOOKS[event.eventName] ?? []) outcomes.push(await moduleRef.get(hook, { strict: false }).handle(workspaceId, event));
  return outcomes;
}
