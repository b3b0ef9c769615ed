import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { AppConfig } from 'src/config/app-config';
import { CLICK_JOBS_PER_TRANSACTION, CLICK_TRANSACTIONS_AT_ONCE, PersistClicksJob, PersistClicksPayload } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { JOBS_PER_TRANSACTION, PersistEventsJob, PersistEventsPayload, TRANSACTIONS_AT_ONCE } from 'src/tracking/events/persist-events.job';
import { EVENTS_QUEUE } from 'src/tracking/events/received-event-batch';

// Jobs are taken by the dozen: those waiting while transactions are in flight make up the next full one.
const CLICK_JOBS_AT_ONCE = CLICK_JOBS_PER_TRANSACTION * (CLICK_TRANSACTIONS_AT_ONCE + 1);
const EVENT_JOBS_AT_ONCE = JOBS_PER_TRANSACTION * (TRANSACTIONS_AT_ONCE + 1);

/** Starts the click and event workers in this process unless TRACKFLOW_WORKERS=false (web-only processes). */
@Injectable()
export class TrackingWorkersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrackingWorkersService.name);

  constructor(
    @InjectQueue(CLICKS_QUEUE) private readonly clicks: Queue<PersistClicksPayload>,
    @InjectQueue(EVENTS_QUEUE) private readonly events: Queue<PersistEventsPayload>,
    private readonly clickJob: PersistClicksJob,
    private readonly eventJob: PersistEventsJob,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    void this.clicks.process(PersistClicksJob.name, CLICK_JOBS_AT_ONCE, async (job) => ({ stored: await this.clickJob.handle(job.data), received: job.data.clicks.length }));
    void this.events.process(PersistEventsJob.name, EVENT_JOBS_AT_ONCE, async (job) => ({ stored: await this.eventJob.handle(job.data), received: job.data.batches.reduce((sum, batch) => sum + batch.events.length, 0) }));
    const reportFailure = (kind: string) => (job: Job, error: Error) => this.logger.error(`${kind} job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`);
    this.clicks.on('failed', reportFailure('click'));
    this.events.on('failed', reportFailure('event'));
  }
}
