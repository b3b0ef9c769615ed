import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

/** A handler of Twenty record events, like a Frappe doc_events entry; returns what it did, for the delivery log. */
export interface CrmHook {
  handle(workspaceId: string, event: TwentyWebhookEvent): Promise<string>;
}
