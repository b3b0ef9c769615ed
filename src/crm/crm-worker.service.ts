import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { CRM_HOOKS } from 'src/crm/hooks';
import { CRM_QUEUE, PROCESS_WEBHOOK_JOB, WebhookJob } from 'src/crm/twenty/twenty-webhook.handler';

const COMMIT_WAIT_MS = 2000;
const COMMIT_POLL_MS = 20;

/** Runs the hooks of each queued Twenty delivery and logs the outcome on the delivery row; a failure is retried by Bull. */
@Injectable()
export class CrmWorkerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CrmWorkerService.name);

  constructor(
    @InjectQueue(CRM_QUEUE) private readonly queue: Queue<WebhookJob>,
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    void this.queue.process(PROCESS_WEBHOOK_JOB, 2, (job) => this.process(job.data));
    this.queue.on('failed', (job, error) => this.logger.error(`Twenty delivery ${job.data.deliveryId} (${job.data.event.eventName}) failed, attempt ${job.attemptsMade}: ${error.message}`));
  }

  async process({ workspaceId, deliveryId, event }: WebhookJob): Promise<string[]> {
    if (!(await this.deliveryCommitted(deliveryId))) throw new Error(`delivery ${deliveryId} is not committed yet`);
    const outcomes: string[] = [];
    try {
      for (const hook of CRM_HOOKS[event.eventName] ?? []) outcomes.push(await this.moduleRef.get(hook, { strict: false }).handle(workspaceId, event));
    } catch (error) {
      await this.dataSource.query(`UPDATE trackflow.twenty_webhook_delivery SET error = $2 WHERE id = $1`, [deliveryId, (error as Error).message.slice(0, 2000)]);
      throw error;
    }
    await this.dataSource.query(`UPDATE trackflow.twenty_webhook_delivery SET processed_at = now(), error = NULL WHERE id = $1`, [deliveryId]);
    return outcomes;
  }

  /**
   * The job is queued inside the transaction that records the delivery, so a quick worker usually
   * sees the job a few milliseconds before the row commits. It waits that out here; a row still
   * missing after a while (a slow or rolled-back commit) is left to Bull's retry.
   */
  private async deliveryCommitted(deliveryId: string): Promise<boolean> {
    for (let waitedMs = 0; ; waitedMs += COMMIT_POLL_MS) {
      const recorded: unknown[] = await this.dataSource.query(`SELECT 1 FROM trackflow.twenty_webhook_delivery WHERE id = $1`, [deliveryId]);
      if (recorded.length > 0) return true;
      if (waitedMs >= COMMIT_WAIT_MS) return false;
      await new Promise((resolve) => setTimeout(resolve, COMMIT_POLL_MS));
    }
  }
}
