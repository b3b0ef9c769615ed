import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { AppConfig } from 'src/config/app-config';

export const ATTRIBUTION_QUEUE = 'trackflow-attribution';
const REFIT_JOB = 'refit-data-driven-models';

/**
 * Nightly refit of every active MARKOV and SHAPLEY model, as a repeatable Bull job: Bull keeps one
 * schedule however many processes register it, and one worker runs each occurrence.
 */
@Injectable()
export class RefitModelsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefitModelsJob.name);

  constructor(
    @InjectQueue(ATTRIBUTION_QUEUE) private readonly queue: Queue,
    private readonly fitting: ModelFittingService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule();
    if (!this.config.runWorkers) return;
    void this.queue.process(REFIT_JOB, 1, () => this.run());
  }

  async run(): Promise<{ fitted: number; failed: number }> {
    const { fitted, failed } = await this.fitting.refitAll();
    for (const failure of failed) this.logger.warn(`refit of attribution model ${failure.modelId} failed: ${failure.error}`);
    return { fitted, failed: failed.length };
  }

  /** Replaces any schedule of an earlier configuration, so changing ATTRIBUTION_REFIT_CRON takes effect at the next start. */
  private async schedule(): Promise<void> {
    for (const repeatable of await this.queue.getRepeatableJobs()) {
      if (repeatable.name === REFIT_JOB && repeatable.cron !== this.config.attributionRefitCron) await this.queue.removeRepeatableByKey(repeatable.key);
    }
    if (this.config.attributionRefitCron) {
      await this.queue.add(REFIT_JOB, {}, { repeat: { cron: this.config.attributionRefitCron }, removeOnComplete: 30, removeOnFail: 30 });
    }
  }
}
