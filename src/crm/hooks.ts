import { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { CrmChange, CrmChangeOf, CrmChangeType } from 'src/crm/crm-change';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyHook } from 'src/crm/hooks/company.hook';
import { CrmDeleteHook } from 'src/crm/hooks/crm-delete.hook';
import { DealHook } from 'src/crm/hooks/deal.hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';
import { MirrorEditHook } from 'src/crm/hooks/mirror-edit.hook';
import { TwentyLinkHook } from 'src/crm/hooks/twenty-link.hook';

type HookRegistry = { readonly [T in CrmChangeType]: readonly Type<CrmHook<CrmChangeOf<T>>>[] };

/** Which hooks run for which change, the way Frappe's doc_events wired the original app. */
export const CRM_HOOKS: HookRegistry = {
  'person.changed': [LeadHook],
  'opportunity.changed': [DealHook],
  'company.changed': [CompanyHook],
  'record.deleted': [CrmDeleteHook],
  'mirror.edited': [MirrorEditHook],
  'link.created': [TwentyLinkHook],
};

/** Runs the hooks of one change, whether a delivery brought it or reconciliation found it; returns what each did. */
export async function runCrmHooks(moduleRef: ModuleRef, workspaceId: string, change: CrmChange): Promise<string[]> {
  const outcomes: string[] = [];
  for (const hook of CRM_HOOKS[change.type] as readonly Type<CrmHook>[]) outcomes.push(await moduleRef.get(hook, { strict: false }).handle(workspaceId, change));
  return outcomes;
}
