import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bull';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { Jobs } from 'src/common/queue/jobs.service';
import { AppConfig } from 'src/config/app-config';
import { LeadIntakeService } from 'src/crm/leads/lead-intake.service';
import { TwentyChangesService } from 'src/crm/twenty/twenty-changes.service';
import { TwentyDeliveryRepository } from 'src/crm/twenty/twenty-delivery.repository';

export const CRM_QUEUE = 'trackflow-crm';
export const PROCESS_WEBHOOK_JOB = 'process-twenty-webhook';
/** The delivery itself is in twenty_webhook_delivery; the job only says which one to process. */
export type WebhookJob = { workspaceId: string; deliveryId: string };

/** How often stored deliveries that no job carries are queued again. */
const SWEEP_INTERVAL_MS = 2_000;
/** A delivery younger than this is left to the receiver, which queues it itself. */
const SWEEP_GRACE_SECONDS = 3;
/** A queued delivery still unprocessed and error-free after this long lost its job (a Redis restart without persistence). */
const LOST_JOB_MINUTES = 10;
const SWEEP_BATCH = 500;
/** Twenty gives a delivery 5 s; the row is stored first, so Redis may take at most this long before the job is left to the sweep. */
const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * Runs the hooks of each stored Twenty delivery and logs the outcome on the delivery row; a
 * failure is retried by Bull. Deliveries whose job Redis never took are queued again by a sweep
 * over the table, so every stored delivery is processed once Redis answers. The same sweep sends
 * lead forms kept before Twenty was connected that a connected workspace still has waiting.
 */
@Injectable()
export class CrmWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CrmWorkerService.name);
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly jobs: Jobs,
    private readonly changes: TwentyChangesService,
    private readonly deliveries: TwentyDeliveryRepository,
    private readonly config: AppConfig,
    private readonly leads: LeadIntakeService,
  ) {}

  onApplicationBootstrap(): void {
    // The sweep feeds this process's worker: a web-only process leaves it to the workers.
    if (this.config.runWorkers) this.sweeper = setInterval(() => void this.sweep().then(() => this.sweepLeads()), SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  @JobHandler(CRM_QUEUE, PROCESS_WEBHOOK_JOB)
  async process({ data: { workspaceId, deliveryId } }: Job<WebhookJob>): Promise<string[]> {
    const event = await this.deliveries.pendingEvent(workspaceId, deliveryId);
    // Gone with its workspace, or already processed by a job queued twice: nothing to do.
    if (!event) return [];
    let outcomes: string[];
    try {
      outcomes = await this.changes.apply(workspaceId, event);
    } catch (error) {
      await this.deliveries.markFailed(workspaceId, deliveryId, (error as Error).message);
      throw error;
    }
    await this.deliveries.markProcessed(workspaceId, deliveryId);
    return outcomes;
  }

  /**
   * Queues a stored delivery for the hooks (once: its job id is the delivery's) and marks it queued
   * once a replica has the job, so a job a failover lost is swept again within seconds.
   */
  async queueDelivery(job: WebhookJob): Promise<void> {
    await this.jobs.enqueue(CrmWorkerService, job, { jobId: `webhook:${job.deliveryId}`, withinMs: ENQUEUE_TIMEOUT_MS, replicated: true });
    await this.deliveries.markQueued(job.workspaceId, job.deliveryId);
  }

  /** Queues stored deliveries no job carries; stops at the first refusal, as Redis is then still away. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let queued = 0;
    try {
      for (const job of await this.deliveries.stranded(SWEEP_GRACE_SECONDS, LOST_JOB_MINUTES, SWEEP_BATCH)) {
        await this.queueDelivery(job);
        queued += 1;
      }
    } catch (error) {
      this.logger.warn(`stored Twenty deliveries wait for Redis: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    return queued;
  }

  /**
   * Sends leads kept before the workspace was connected: a form posted while `twenty:install`
   * ran is kept after the install has sent what waited, and would otherwise wait for the next one.
   */
  async sweepLeads(): Promise<number> {
    try {
      return await this.leads.sendWaitingOfConnected();
    } catch (error) {
      this.logger.warn(`kept leads wait for the next sweep: ${(error as Error).message}`);
      return 0;
    }
  }
}
