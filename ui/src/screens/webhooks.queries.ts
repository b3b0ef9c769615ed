const DELIVERY_FIELDS = 'id subscriptionId eventType status attempts lastStatusCode lastError createdAt finishedAt';

export const WEBHOOK_SUBSCRIPTIONS = `query WebhookSubscriptions { webhookSubscriptions { id eventType url apiKeyId active createdAt } }`;
export const SUBSCRIBE_WEBHOOK = `mutation SubscribeWebhook($eventType: String!, $url: String!) { subscribeWebhook(eventType: $eventType, url: $url) { secret subscription { id } } }`;
export const SET_WEBHOOK_ACTIVE = `mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean!) { setWebhookSubscriptionActive(id: $id, active: $active) { id active } }`;
export const UNSUBSCRIBE_WEBHOOK = `mutation UnsubscribeWebhook($id: ID!) { unsubscribeWebhook(id: $id) }`;
export const WEBHOOK_DELIVERIES = `query WebhookDeliveries($status: String) { webhookDeliveries(status: $status, limit: 100) { ${DELIVERY_FIELDS} } }`;
export const RESEND_WEBHOOK_DELIVERY = `mutation ResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { ${DELIVERY_FIELDS} } }`;

export interface WebhookSubscription {
  id: string;
  eventType: string;
  url: string;
  apiKeyId: string;
  active: boolean;
  createdAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The events the API sends (security/webhooks/webhook-target.util.ts); it refuses any other, naming them. */
export const WEBHOOK_EVENTS = ['campaign.updated', 'conversion.created', 'lead.attributed', 'deal.attributed', 'link.clicked'] as const;
