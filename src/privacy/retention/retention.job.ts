import { Injectable } from '@nestjs/common';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';
import { RetentionService } from 'src/privacy/retention/retention.service';

export const PRIVACY_QUEUE = 'trackflow-privacy';
export const RETENTION_JOB = 'apply-retention';

/** The retention clean-up as a repeatable job (RETENTION_CRON). */
@Injectable()
export class RetentionJob {
  constructor(private readonly retention: RetentionService) {}

  @RepeatableJob(PRIVACY_QUEUE, RETENTION_JOB, (config) => config.retention.cron)
  run(): Promise<unknown> {
    return this.retention.run();
  }
}
