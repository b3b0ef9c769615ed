import { CrmChange } from 'src/crm/crm-change';

/** A handler of CRM changes, like a Frappe doc_events entry; returns what it did, for the delivery log. */
export interface CrmHook<C extends CrmChange = CrmChange> {
  handle(workspaceId: string, change: C): Promise<string>;
}
