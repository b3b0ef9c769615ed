import { Injectable, Logger } from '@nestjs/common';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';

export const ATTRIBUTION_QUEUE = 'trackflow-attribution';
export const REFIT_JOB = 'refit-data-driven-models';

/** Nightly refit of every active MARKOV and SHAPLEY model (ATTRIBUTION_REFIT_CRON). */
@Injectable()
export class RefitModelsJob {
  private readonly logger = new Logger(RefitModelsJob.name);

  constructor(private readonly fitting: ModelFittingService) {}

  @RepeatableJob(ATTRIBUTION_QUEUE, REFIT_JOB, (config) => config.attributionRefitCron)
  async run(): Promise<{ fitted: number; failed: number }> {
    const { fitted, failed } = await this.fitting.refitAll();
    for (const failure of failed) this.logger.warn(`refit of attribution model ${failure.modelId} failed: ${failure.error}`);
    return { fitted, failed: failed.length };
  }
}
