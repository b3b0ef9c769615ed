import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { signTimestampedBody } from 'src/common/crypto/hmac-signature.util';
import { openSecret } from 'src/common/crypto/secret-box.util';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { AppConfig } from 'src/config/app-config';
import { WebhookHttpClient, WebhookTargetRefused } from 'src/security/webhooks/webhook-http.client';
import { WebhookSubscriptionsRepository } from 'src/security/webhooks/webhook-subscriptions.repository';

export const WEBHOOKS_QUEUE = 'trackflow-webhooks';
export const WEBHOOK_ATTEMPTS = 6;
export const SIGNATURE_HEADER = 'X-TrackFlow-Signature';
export const TIMESTAMP_HEADER = 'X-TrackFlow-Timestamp';

export type DeliverWebhookPayload = { deliveryId: string };

/**
 * Sends one delivery, signed as Twenty signs its own: lowercase hex HMAC-SHA256 of
 * `${timestamp}:${body}` with the subscription's secret. A non-2xx answer throws so Bull retries
 * with exponential back-off; the last attempt marks the delivery failed, where it stays visible.
 */
@Injectable()
export class DeliverWebhookJob {
  private readonly logger = new Logger(DeliverWebhookJob.name);

  constructor(
    private readonly repository: WebhookSubscriptionsRepository,
    private readonly http: WebhookHttpClient,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(WEBHOOKS_QUEUE, DeliverWebhookJob.name)
  async handle({ data: { deliveryId }, attemptsMade }: Job<DeliverWebhookPayload>): Promise<void> {
    const delivery = await this.repository.findDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const { subscription } = delivery;
    const { secretKey } = this.config;
    if (!subscription || !subscription.active || !secretKey) {
      const error = !subscription ? 'subscription deleted' : !subscription.active ? 'subscription paused' : 'TRACKFLOW_SECRET_KEY is not set';
      await this.repository.recordAttempt(delivery.id, { status: 'failed', statusCode: null, error });
      return;
    }
    const body = JSON.stringify({ id: delivery.id, event: delivery.eventType, workspaceId: delivery.workspaceId, createdAt: delivery.createdAt, data: delivery.payload });
    const timestamp = String(Date.now());
    const signature = signTimestampedBody(openSecret(secretKey, subscription.sealedSecret), timestamp, body);
    const headers = { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp, 'X-TrackFlow-Event': delivery.eventType, 'X-TrackFlow-Delivery': delivery.id, 'User-Agent': 'TrackFlow-Webhooks/1' };
    let failure: string;
    let statusCode: number | null = null;
    try {
      statusCode = (await this.http.post(subscription.url, headers, body, this.config.allowPrivateWebhookTargets)).status;
      if (statusCode >= 200 && statusCode < 300) {
        await this.repository.recordAttempt(delivery.id, { status: 'delivered', statusCode, error: null });
        return;
      }
      failure = `answered ${statusCode}`;
    } catch (error) {
      if (error instanceof WebhookTargetRefused) {
        // Retrying cannot make a private address public.
        await this.repository.recordAttempt(delivery.id, { status: 'failed', statusCode: null, error: error.message });
        return;
      }
      failure = (error as Error).message;
    }
    const last = attemptsMade + 1 >= WEBHOOK_ATTEMPTS;
    await this.repository.recordAttempt(delivery.id, { status: last ? 'failed' : 'pending', statusCode, error: failure });
    if (last) this.logger.warn(`webhook delivery ${delivery.id} (${delivery.eventType}) failed for good: ${failure}`);
    throw new Error(`webhook delivery ${delivery.id}: ${failure}`);
  }
}
