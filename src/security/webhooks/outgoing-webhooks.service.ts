import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConversionAttributed, ConversionRecorded } from 'src/attribution/attribution.events';
import { sealSecret } from 'src/common/crypto/secret-box.util';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { OnDomainEvent } from 'src/common/events/domain-event';
import { Jobs } from 'src/common/queue/jobs.service';
import { AppConfig } from 'src/config/app-config';
import { CampaignsChanged } from 'src/links/links.events';
import { DeliverWebhookJob } from 'src/security/webhooks/deliver-webhook.job';
import { WebhookDeliveryRow, WebhookSubscriptionRow, WebhookSubscriptionsRepository } from 'src/security/webhooks/webhook-subscriptions.repository';
import { checkWebhookUrl, WebhookEventType, webhookEventType } from 'src/security/webhooks/webhook-target.util';
import { ClicksStored } from 'src/tracking/clicks/clicks.events';

/**
 * Outgoing webhooks: subscriptions per API key, and the domain events of other features turned
 * into webhook events, each one logged delivery per subscriber and a Bull job. The events arrive
 * once their transaction has committed, so no subscriber hears of a write that was rolled back.
 */
@Injectable()
export class OutgoingWebhooksService {
  private readonly logger = new Logger(OutgoingWebhooksService.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly repository: WebhookSubscriptionsRepository,
    private readonly config: AppConfig,
  ) {}

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

  /**
   * A paused subscription is sent no new event, and a delivery still being retried stops as failed
   * (resent on request once it is resumed); unlike a deletion, it keeps its secret and its log.
   */
  async setActive(workspaceId: string, id: string, active: boolean): Promise<WebhookSubscriptionRow> {
    const subscription = await this.repository.setActive(workspaceId, id, active);
    if (!subscription) throw notFound('webhook subscription', id);
    return subscription;
  }

  async unsubscribe(workspaceId: string, id: string): Promise<boolean> {
    if (!(await this.repository.delete(workspaceId, id))) throw notFound('webhook subscription', id);
    return true;
  }

  deliveries(workspaceId: string, status: string | null, limit: number): Promise<WebhookDeliveryRow[]> {
    if (status !== null && !['pending', 'delivered', 'failed'].includes(status)) throw new ValidationFailure('status', 'must be pending, delivered or failed');
    return this.repository.listDeliveries(workspaceId, status, limit);
  }

  @OnDomainEvent(ClicksStored)
  async clicksStored({ workspaceId, clicks }: typeof ClicksStored.payload): Promise<void> {
    await this.emit(workspaceId, 'link.clicked', { clicks });
  }

  @OnDomainEvent(ConversionRecorded)
  async conversionRecorded({ workspaceId, conversion }: typeof ConversionRecorded.payload): Promise<void> {
    await this.emit(workspaceId, 'conversion.created', { ...conversion, valueMicros: conversion.valueMicros.toString() });
  }

  /** deal.attributed for an opportunity, lead.attributed for a person's conversion without one. */
  @OnDomainEvent(ConversionAttributed)
  async conversionAttributed({ workspaceId, conversion, model, result }: typeof ConversionAttributed.payload): Promise<void> {
    const event = conversion.opportunityId ? 'deal.attributed' : conversion.personId ? 'lead.attributed' : null;
    if (!event) return;
    await this.emit(workspaceId, event, {
      conversionId: conversion.id,
      opportunityId: conversion.opportunityId,
      personId: conversion.personId,
      model: { id: model.id, name: model.name, type: model.modelType },
      valueMicros: conversion.valueMicros.toString(),
      currencyCode: conversion.currencyCode,
      marketingInfluenced: result.marketingInfluenced,
      touches: result.rows.map((row) => ({ channel: row.channel, source: row.touchpoint.source, campaign: row.touchpoint.campaign, at: row.touchpoint.at, weight: row.weight, valueMicros: row.attributedValueMicros.toString() })),
    });
  }

  @OnDomainEvent(CampaignsChanged)
  async campaignsChanged({ workspaceId, campaignIds }: typeof CampaignsChanged.payload): Promise<void> {
    await this.emit(workspaceId, 'campaign.updated', { campaignIds });
  }

  /**
   * Sends a failed delivery again through the delivery job, with a fresh set of retries. Only a
   * failed one, and only while its subscription could receive a new event; the job id carries the
   * attempts so far, so each resend is its own job and a double click queues one.
   */
  async resend(workspaceId: string, id: string): Promise<WebhookDeliveryRow> {
    const delivery = await this.repository.markFailedForResend(workspaceId, id);
    if (!delivery) {
      const status = await this.repository.findDeliveryStatus(workspaceId, id);
      if (status === null) throw notFound('webhook delivery', id);
      if (status !== 'failed') throw new ValidationFailure('id', `names a ${status} delivery: only a failed delivery is sent again`);
      throw new ValidationFailure('id', 'names a delivery whose subscription was deleted or whose key was revoked or expired');
    }
    await this.jobs.enqueue(DeliverWebhookJob, { deliveryId: delivery.id }, { jobId: `webhook:${delivery.id}:resend:${delivery.attempts}` });
    return delivery;
  }

  private async emit(workspaceId: string, eventType: WebhookEventType, data: unknown): Promise<void> {
    try {
      const subscriptions = await this.repository.findActive(workspaceId, eventType);
      const ids = await this.repository.insertDeliveries(workspaceId, subscriptions.map((subscription) => subscription.id), eventType, data);
      for (const deliveryId of ids) await this.jobs.enqueue(DeliverWebhookJob, { deliveryId }, { jobId: `webhook:${deliveryId}` });
    } catch (error) {
      this.logger.error(`${eventType} webhooks of workspace ${workspaceId} not queued: ${(error as Error).message}`);
    }
  }
}
