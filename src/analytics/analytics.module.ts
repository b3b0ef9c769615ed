import { Module } from '@nestjs/common';
import { AdSpendRepository } from 'src/analytics/ads/ad-spend.repository';
import { AdSpendService } from 'src/analytics/ads/ad-spend.service';
import { CampaignMetricsRepository } from 'src/analytics/campaigns/campaign-metrics.repository';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { VisitorJourneyRepository } from 'src/analytics/journey/visitor-journey.repository';
import { VisitorJourneyService } from 'src/analytics/journey/visitor-journey.service';
import { AnalyticsReaderRepository } from 'src/analytics/queries/analytics-reader.repository';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { RollupsRepository } from 'src/analytics/rollups/rollups.repository';
import { RollupsService } from 'src/analytics/rollups/rollups.service';

/** Analytics services, shared by the server and the CLI; the GraphQL API and the jobs live in AnalyticsJobsModule. */
@Module({
  providers: [RollupsRepository, RollupsService, AnalyticsReaderRepository, AnalyticsService, VisitorJourneyRepository, VisitorJourneyService, CampaignMetricsRepository, CampaignMetricsService, AdSpendRepository, AdSpendService],
  exports: [RollupsService, AnalyticsService, VisitorJourneyService, CampaignMetricsService, AdSpendService],
})
export class AnalyticsModule {}
