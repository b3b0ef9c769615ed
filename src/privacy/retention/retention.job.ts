import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { RetentionService } from 'src/privacy/retention/retention.service';
import { registerRepeatableJob } from 'src/common/queue/repeatable-job.util';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';

export const PRIVACY_QUEUE = 'trackflow-privacy';
export const RETENTION_JOB = 'apply-retention';

/** The retention clean-up as a repeatable job (RETENTION_CRON), one worker at a time. */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    @InjectQueue(PRIVACY_QUEUE) private readonly queue: Queue,
    private readonly retention: RetentionService,
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return registerRepeatableJob({
      queue: this.queue,
      name: RETENTION_JOB,
      schedule: this.config.retention.cron,
      runWorkers: this.config.runWorkers,
      redis: this.redis.client,
      logger: this.logger,
      run: () => this.retention.run(),
    });
  }
}
