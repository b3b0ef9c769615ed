import { BullModule, InjectQueue } from '@nestjs/bull';
import { Global, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from 'src/config/app-config';
import { DeliverWebhookJob, DeliverWebhookPayload, WEBHOOK_ATTEMPTS, WEBHOOKS_QUEUE } from 'src/security/webhooks/deliver-webhook.job';
import { OutgoingWebhooksService } from 'src/security/webhooks/outgoing-webhooks.service';
import { WebhookHttpClient } from 'src/security/webhooks/webhook-http.client';
import { WebhookSubscriptionsRepository } from 'src/security/webhooks/webhook-subscriptions.repository';
import { WebhooksResolver } from 'src/security/webhooks/webhooks.resolver';

const CONCURRENCY = 4;

/** Starts the delivery worker in this process unless TRACKFLOW_WORKERS=false. */
@Injectable()
export class WebhookWorkersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookWorkersService.name);

  constructor(
    @InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue<DeliverWebhookPayload>,
    private readonly job: DeliverWebhookJob,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    void this.queue.process(DeliverWebhookJob.name, CONCURRENCY, (job) => this.job.handle(job.data, job.attemptsMade));
    this.queue.on('failed', (job, error) => this.logger.warn(`webhook job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`));
  }
}

@Global()
@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: WEBHOOKS_QUEUE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        defaultJobOptions: { attempts: WEBHOOK_ATTEMPTS, backoff: { type: 'exponential', delay: config.webhookRetryBaseMs }, removeOnComplete: 1000, removeOnFail: 1000 },
      }),
    }),
  ],
  providers: [WebhookSubscriptionsRepository, WebhookHttpClient, DeliverWebhookJob, OutgoingWebhooksService, WebhooksResolver, WebhookWorkersService],
  exports: [OutgoingWebhooksService],
})
export class WebhooksModule {}
