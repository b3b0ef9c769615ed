import { Module } from '@nestjs/common';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { DeliverWebhookJob, WEBHOOK_ATTEMPTS, WEBHOOKS_QUEUE } from 'src/security/webhooks/deliver-webhook.job';
import { OutgoingWebhooksService } from 'src/security/webhooks/outgoing-webhooks.service';
import { WebhookHttpClient } from 'src/security/webhooks/webhook-http.client';
import { WebhookSubscriptionsRepository } from 'src/security/webhooks/webhook-subscriptions.repository';
import { WebhooksResolver } from 'src/security/webhooks/webhooks.resolver';

/** Outgoing webhooks; features reach them by publishing domain events, so nothing is exported. */
@Module({
  imports: [
    JobQueueModule.register({
      name: WEBHOOKS_QUEUE,
      concurrency: 4,
      jobs: [DeliverWebhookJob.name],
      options: (config) => ({
        defaultJobOptions: { attempts: WEBHOOK_ATTEMPTS, backoff: { type: 'exponential', delay: config.webhookRetryBaseMs }, removeOnComplete: 1000, removeOnFail: 1000 },
      }),
    }),
  ],
  providers: [WebhookSubscriptionsRepository, WebhookHttpClient, DeliverWebhookJob, OutgoingWebhooksService, WebhooksResolver],
})
export class WebhooksModule {}
