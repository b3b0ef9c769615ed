import { Injectable } from '@nestjs/common';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';
import { RetentionService } from 'src/privacy/retention/retention.service';

export const PRIVACY_QUEUE = 'trackflow-privacy';
export const RETENTION_JOB = 'apply-retention';
export const PARTITION_JOB = 'create-partitions-ahead';
export const ANALYZE_PARTITIONS_JOB = 'analyze-event-partitions';

/** The retention clean-up (RETENTION_CRON) and the monthly partitions it drops, created ahead (PARTITION_MAINTENANCE_CRON) and kept analysed (PARTITION_ANALYZE_CRON), as repeatable jobs. */
@Injectable()
export class RetentionJob {
  constructor(private readonly retention: RetentionService) {}

  @RepeatableJob(PRIVACY_QUEUE, RETENTION_JOB, (config) => config.retention.cron)
  run(): Promise<unknown> {
    return this.retention.run();
  }

  /**
   * Our own job rather than pg_partman: its background worker needs shared_preload_libraries, and
   * its retention knows one period per table where ours is per workspace (docs/ARCHITECTURE.md).
   */
  @RepeatableJob(PRIVACY_QUEUE, PARTITION_JOB, (config) => config.retention.partitionCron)
  createPartitionsAhead(): Promise<unknown> {
    return this.retention.createPartitionsAhead();
  }

  @RepeatableJob(PRIVACY_QUEUE, ANALYZE_PARTITIONS_JOB, (config) => config.retention.partitionAnalyzeCron)
  analyzeStalePartitions(): Promise<unknown> {
    return this.retention.analyzeStalePartitions();
  }
}
