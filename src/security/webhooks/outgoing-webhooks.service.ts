import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { sealSecret } from 'src/common/crypto/secret-box.util';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { RecordChanges } from 'src/common/events/record-changes';
import { Jobs } from 'src/common/queue/jobs.service';
import { AppConfig } from 'src/config/app-config';
import { DeliverWebhookJob } from 'src/security/webhooks/deliver-webhook.job';
import { WebhookDeliveryRow, WebhookSubscriptionRow, WebhookSubscriptionsRepository } from 'src/security/webhooks/webhook-subscriptions.repository';
import { checkWebhookUrl, WebhookEventType, webhookEventType } from 'src/security/webhooks/webhook-target.util';

/**
 * Outgoing webhooks: subscriptions per API key, and emit() for the features that produce events.
 * Each emitted event becomes one logged delivery per subscriber and a Bull job; emit never throws
 * into its caller, whose write already happened.
 */
@Injectable()
export class OutgoingWebhooksService implements OnModuleInit {
  private readonly logger = new Logger(OutgoingWebhooksService.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly repository: WebhookSubscriptionsRepository,
    private readonly changes: RecordChanges,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.changes.listen(async (change) => {
      if (change.kind === 'campaign') await this.emit(change.workspaceId, 'campaign.updated', { campaignIds: change.ids });
    });
  }

  async subscribe(workspaceId: string, apiKeyId: string, eventType: string, url: string): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
    const type = webhookEventType(eventType);
    const target = checkWebhookUrl(url, this.config.allowPrivateWebhookTargets);
    if (!this.config.secretKey) throw new ValidationFailure('url', 'webhooks need TRACKFLOW_SECRET_KEY on the server to keep their signing secrets');
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const subscription = await this.repository.create({ workspaceId, apiKeyId, eventType: type, url: target, sealedSecret: sealSecret(this.config.secretKey, secret) });
    return { subscription, secret };
  }

  list(workspaceId: string): Promise<WebhookSubscriptionRow[]> {
    return this.repository.list(workspaceId);
  }

  async unsubscribe(workspaceId: string, id: string): Promise<boolean> {
    if (!(await this.repository.delete(workspaceId, id))) throw notFound('webhook subscription', id);
    return true;
  }

  deliveries(workspaceId: string, status: string | null, limit: number): Promise<WebhookDeliveryRow[]> {
    if (status !== null && !['pending', 'delivered', 'failed'].includes(status)) throw new ValidationFailure('status', 'must be pending, delivered or failed');
    return this.repository.listDeliveries(workspaceId, status, limit);
  }

  async emit(workspaceId: string, eventType: WebhookEventType, data: unknown): Promise<void> {
    try {
      const subscriptions = await this.repository.findActive(workspaceId, eventType);
      const ids = await this.repository.insertDeliveries(workspaceId, subscriptions.map((subscription) => subscription.id), eventType, data);
      for (const deliveryId of ids) await this.jobs.enqueue(DeliverWebhookJob, { deliveryId }, { jobId: `webhook:${deliveryId}` });
    } catch (error) {
      this.logger.error(`${eventType} webhooks of workspace ${workspaceId} not queued: ${(error as Error).message}`);
    }
  }
}
