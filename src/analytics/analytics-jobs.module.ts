import { Module } from '@nestjs/common';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { ANALYTICS_QUEUE, AnalyticsJobs, CAMPAIGN_METRICS_JOB, ROLLUP_JOB } from 'src/analytics/analytics.jobs';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { AnalyticsResolver } from 'src/analytics/analytics.resolver';
import { CampaignConversionsRepository } from 'src/analytics/campaigns/campaign-conversions.repository';
import { CampaignConversionsResolver } from 'src/analytics/campaigns/campaign-conversions.resolver';
import { CampaignConversionsService } from 'src/analytics/campaigns/campaign-conversions.service';

/** The analytics API and Bull jobs, for the server (the CLI uses AnalyticsModule alone, without Redis or API keys). */
@Module({
  imports: [
    AnalyticsModule,
    JobQueueModule.register({
      name: ANALYTICS_QUEUE,
      // Two, so a long rollup never holds back the campaign refresh; each job's lock keeps its own runs from overlapping.
      concurrency: 2,
      jobs: [ROLLUP_JOB, CAMPAIGN_METRICS_JOB],
      options: () => ({ defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } }),
    }),
  ],
  providers: [AnalyticsJobs, AnalyticsResolver, CampaignConversionsRepository, CampaignConversionsService, CampaignConversionsResolver],
})
export class AnalyticsJobsModule {}
