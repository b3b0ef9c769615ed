import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from 'src/config/app-config';
import { PersistClicksJob, PersistClicksPayload } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';

const CONCURRENCY = 4;

/** Starts the click worker in this process unless TRACKFLOW_WORKERS=false (web-only processes). */
@Injectable()
export class ClickWorkerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ClickWorkerService.name);

  constructor(
    @InjectQueue(CLICKS_QUEUE) private readonly queue: Queue<PersistClicksPayload>,
    private readonly job: PersistClicksJob,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    void this.queue.process(PersistClicksJob.name, CONCURRENCY, async (job) => {
      const stored = await this.job.handle(job.data);
      return { stored, received: job.data.clicks.length };
    });
    this.queue.on('failed', (job, error) => this.logger.error(`click job ${job.id} failed (attempt ${job.attemptsMade}): ${error.message}`));
  }
}
