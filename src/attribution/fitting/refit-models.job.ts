import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { registerRepeatableJob } from 'src/common/queue/repeatable-job.util';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';

export const ATTRIBUTION_QUEUE = 'trackflow-attribution';
const REFIT_JOB = 'refit-data-driven-models';

/** Nightly refit of every active MARKOV and SHAPLEY model, as a repeatable Bull job run by one worker at a time. */
@Injectable()
export class RefitModelsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RefitModelsJob.name);

  constructor(
    @InjectQueue(ATTRIBUTION_QUEUE) private readonly queue: Queue,
    private readonly fitting: ModelFittingService,
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return registerRepeatableJob({
      queue: this.queue,
      name: REFIT_JOB,
      schedule: this.config.attributionRefitCron,
      runWorkers: this.config.runWorkers,
      redis: this.redis.client,
      logger: this.logger,
      run: () => this.run(),
    });
  }

  async run(): Promise<{ fitted: number; failed: number }> {
    const { fitted, failed } = await this.fitting.refitAll();
    for (const failure of failed) this.logger.warn(`refit of attribution model ${failure.modelId} failed: ${failure.error}`);
    return { fitted, failed: failed.length };
  }
}
