import { useState } from 'react';
import { Badge, DataTable, Empty, Field, fieldError, FormActions, FormError, QueryView } from '../components';
import { formatDateTime } from '../format';
import { useHost } from '../host';
import { useQuery } from '../use-query';
import { useSubmit } from '../use-submit';
import { AdminScreen, ConfirmButton, SecretOnce, useAction } from './admin-kit';
import {
  DeliveryStatus,
  RESEND_WEBHOOK_DELIVERY,
  SET_WEBHOOK_ACTIVE,
  SUBSCRIBE_WEBHOOK,
  UNSUBSCRIBE_WEBHOOK,
  WEBHOOK_DELIVERIES,
  WEBHOOK_EVENTS,
  WEBHOOK_SUBSCRIPTIONS,
  WebhookDelivery,
  WebhookSubscription,
} from './webhooks.queries';

const TONES: Record<DeliveryStatus, 'green' | 'amber' | 'red'> = { delivered: 'green', pending: 'amber', failed: 'red' };

/** Outgoing webhooks (admin scope): subscriptions with their signing secret shown once, and the deliveries, a failed one sent again on request. */
export function WebhooksScreen() {
  const { api } = useHost();
  const run = useAction();
  const subscriptions = useQuery<{ webhookSubscriptions: WebhookSubscription[] }>(WEBHOOK_SUBSCRIPTIONS);
  const [status, setStatus] = useState('');
  const deliveries = useQuery<{ webhookDeliveries: WebhookDelivery[] }>(WEBHOOK_DELIVERIES, { status: status || null });
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ title: string; secret: string } | null>(null);

  return (
    <AdminScreen
      id="webhooks"
      title="Outgoing webhooks"
      intro="Each delivery is signed: X-TrackFlow-Signature is the hex HMAC-SHA256 of “timestamp:body” with the subscription's secret."
      actions={
        <button type="button" className="tf-button tf-primary" onClick={() => (setCreating(true), setIssued(null))}>
          New subscription
        </button>
      }
    >
      {issued && <SecretOnce title={issued.title} secret={issued.secret} onDone={() => setIssued(null)} />}
      {creating && (
        <SubscribeForm
          onDone={async (created) => {
            setCreating(false);
            if (created) {
              setIssued(created);
              await subscriptions.reload();
            }
          }}
        />
      )}
      <QueryView state={subscriptions} loading="Loading subscriptions…">
        {({ webhookSubscriptions }) =>
          webhookSubscriptions.length === 0 ? (
            <Empty title="No webhook subscriptions">Subscribe a URL to an event to have TrackFlow post it there.</Empty>
          ) : (
            <DataTable
              caption="Subscriptions"
              rows={webhookSubscriptions}
              rowKey={(subscription) => subscription.id}
              columns={[
                { label: 'Event', cell: (subscription) => subscription.eventType },
                { label: 'URL', cell: (subscription) => <span className="tf-break">{subscription.url}</span> },
                { label: 'Status', cell: (subscription) => (subscription.active ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Paused</Badge>) },
                { label: 'Since', cell: (subscription) => formatDateTime(subscription.createdAt) },
              ]}
              actions={(subscription) => (
                <>
                  <button
                    type="button"
                    className="tf-button"
                    aria-label={`${subscription.active ? 'Pause' : 'Resume'} ${subscription.eventType} to ${subscription.url}`}
                    onClick={() =>
                      run(async () => {
                        await api.request(SET_WEBHOOK_ACTIVE, { id: subscription.id, active: !subscription.active });
                        await subscriptions.reload();
                        return subscription.active
                          ? `${subscription.eventType} to ${subscription.url} is paused: nothing is sent and retries stop until it is resumed`
                          : `${subscription.eventType} is sent to ${subscription.url} again`;
                      })
                    }
                  >
                    {subscription.active ? 'Pause' : 'Resume'}
                  </button>
                  <ConfirmButton
                    label="Delete"
                    subject={`${subscription.eventType} to ${subscription.url}`}
                    confirmLabel="Delete for good"
                    onConfirm={() =>
                      run(async () => {
                        await api.request(UNSUBSCRIBE_WEBHOOK, { id: subscription.id });
                        await subscriptions.reload();
                        return `${subscription.eventType} is no longer sent to ${subscription.url}`;
                      })
                    }
                  />
                </>
              )}
            />
          )
        }
      </QueryView>
      <div className="tf-screen-header">
        <h3 className="tf-grow">Deliveries</h3>
        <label className="tf-visually-hidden" htmlFor="tf-delivery-status">
          Delivery status
        </label>
        <select id="tf-delivery-status" className="tf-input tf-auto" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">Every status</option>
          <option value="failed">Failed</option>
          <option value="pending">Being retried</option>
          <option value="delivered">Delivered</option>
        </select>
        <button type="button" className="tf-button" onClick={() => void deliveries.reload()}>
          Refresh
        </button>
      </div>
      <QueryView state={deliveries} loading="Loading deliveries…">
        {({ webhookDeliveries }) =>
          webhookDeliveries.length === 0 ? (
            <Empty title={status ? `No ${status} deliveries` : 'No deliveries yet'} />
          ) : (
            <DataTable
              caption="Deliveries, newest first"
              rows={webhookDeliveries}
              rowKey={(delivery) => delivery.id}
              columns={[
                { label: 'Event', cell: (delivery) => <>{delivery.eventType}<span className="tf-muted">{formatDateTime(delivery.createdAt)}</span></> },
                { label: 'Status', cell: (delivery) => <Badge tone={TONES[delivery.status]}>{delivery.status}</Badge> },
                { label: 'Attempts', cell: (delivery) => delivery.attempts, num: true },
                { label: 'Last answer', cell: (delivery) => <span className="tf-break">{delivery.lastError ?? (delivery.lastStatusCode === null ? '—' : `HTTP ${delivery.lastStatusCode}`)}</span> },
              ]}
              actions={(delivery) =>
                delivery.status === 'failed' && (
                  <button
                    type="button"
                    className="tf-button"
                    aria-label={`Resend ${delivery.eventType} of ${formatDateTime(delivery.createdAt)}`}
                    onClick={() =>
                      void run(async () => {
                        await api.request(RESEND_WEBHOOK_DELIVERY, { id: delivery.id });
                        await deliveries.reload();
                        return `${delivery.eventType} queued to be sent again`;
                      })
                    }
                  >
                    Resend
                  </button>
                )
              }
            />
          )
        }
      </QueryView>
    </AdminScreen>
  );
}

function SubscribeForm({ onDone }: { onDone: (created: { title: string; secret: string } | null) => Promise<void> }) {
  const { api } = useHost();
  const [eventType, setEventType] = useState<string>(WEBHOOK_EVENTS[0]);
  const [url, setUrl] = useState('');
  const { submit, saving, error } = useSubmit(async () => {
    const { subscribeWebhook } = await api.request<{ subscribeWebhook: { secret: string } }>(SUBSCRIBE_WEBHOOK, { eventType, url });
    await onDone({ title: `Signing secret for ${eventType}`, secret: subscribeWebhook.secret });
  });
  return (
    <form className="tf-panel tf-form" aria-label="New webhook subscription" onSubmit={(event) => void submit(event)}>
      <h3>New webhook subscription</h3>
      <div className="tf-grid">
        <Field label="Event" error={fieldError(error, 'eventType')}>
          {(props) => (
            <select {...props} className="tf-input" value={eventType} onChange={(event) => setEventType(event.target.value)}>
              {WEBHOOK_EVENTS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="URL" error={fieldError(error, 'url')} hint="Where TrackFlow posts each event">
          {(props) => <input {...props} className="tf-input" required value={url} onChange={(event) => setUrl(event.target.value)} autoFocus />}
        </Field>
      </div>
      <FormError error={error} fields={['eventType', 'url']} />
      <FormActions submitLabel={saving ? 'Subscribing…' : 'Subscribe'} disabled={saving} onCancel={() => void onDone(null)} />
    </form>
  );
}
