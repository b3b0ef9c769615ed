import { Module } from '@nestjs/common';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { RegisteredQueuesModule } from 'src/common/queue/registered-queues.module';
import { CrmModule } from 'src/crm/crm.module';
import { PrivacyRepository } from 'src/privacy/privacy.repository';
import { PrivacyResolver } from 'src/privacy/privacy.resolver';
import { PrivacyService } from 'src/privacy/privacy.service';
import { EventPartitionsRepository } from 'src/privacy/retention/event-partitions.repository';
import { ANALYZE_PARTITIONS_JOB, PARTITION_JOB, PRIVACY_QUEUE, RETENTION_JOB, RetentionJob } from 'src/privacy/retention/retention.job';
import { RetentionRepository } from 'src/privacy/retention/retention.repository';
import { RetentionService } from 'src/privacy/retention/retention.service';
import { SettingsModule } from 'src/settings/settings.module';

@Module({
  imports: [CrmModule, RegisteredQueuesModule, SettingsModule, JobQueueModule.register({ name: PRIVACY_QUEUE, concurrency: 1, jobs: [RETENTION_JOB, PARTITION_JOB, ANALYZE_PARTITIONS_JOB], options: () => ({ defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } }) })],
  providers: [RetentionRepository, EventPartitionsRepository, RetentionService, RetentionJob, PrivacyRepository, PrivacyService, PrivacyResolver],
  exports: [RetentionService],
})
export class PrivacyModule {}
