import { Module } from '@nestjs/common';
import { AdSpendRepository } from 'src/analytics/ads/ad-spend.repository';
import { AdSpendService } from 'src/analytics/ads/ad-spend.service';
import { AnalyticsCommands } from 'src/analytics/analytics.commands';
import { ANALYTICS_QUEUE, AnalyticsJobs, CAMPAIGN_METRICS_JOB, ROLLUP_JOB } from 'src/analytics/analytics.jobs';
import { AnalyticsResolver } from 'src/analytics/analytics.resolver';
import { CampaignConversionsRepository } from 'src/analytics/campaigns/campaign-conversions.repository';
import { CampaignConversionsResolver } from 'src/analytics/campaigns/campaign-conversions.resolver';
import { CampaignConversionsService } from 'src/analytics/campaigns/campaign-conversions.service';
import { CampaignMetricsRepository } from 'src/analytics/campaigns/campaign-metrics.repository';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { VisitorJourneyRepository } from 'src/analytics/journey/visitor-journey.repository';
import { VisitorJourneyService } from 'src/analytics/journey/visitor-journey.service';
import { AnalyticsReaderRepository } from 'src/analytics/queries/analytics-reader.repository';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { RollupsRepository } from 'src/analytics/rollups/rollups.repository';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { ReadReplicaModule } from 'src/common/database/read-replica.module';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';

@Module({
  imports: [
    WorkspaceModule,
    ReadReplicaModule,
    JobQueueModule.register({
      name: ANALYTICS_QUEUE,
      // Two, so a long rollup never holds back the campaign refresh; each job's lock keeps its own runs from overlapping.
      concurrency: 2,
      jobs: [ROLLUP_JOB, CAMPAIGN_METRICS_JOB],
      options: () => ({ defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } }),
    }),
  ],
  providers: [
    RollupsRepository,
    RollupsService,
    AnalyticsReaderRepository,
    AnalyticsService,
    VisitorJourneyRepository,
    VisitorJourneyService,
    CampaignMetricsRepository,
    CampaignMetricsService,
    AdSpendRepository,
    AdSpendService,
    AnalyticsJobs,
    AnalyticsResolver,
    CampaignConversionsRepository,
    CampaignConversionsService,
    CampaignConversionsResolver,
    AnalyticsCommands,
  ],
  exports: [RollupsService, AnalyticsService, VisitorJourneyService, CampaignMetricsService, AdSpendService],
})
export class AnalyticsModule {}
