import { Injectable } from '@nestjs/common';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';

export const ANALYTICS_QUEUE = 'trackflow-analytics';
export const ROLLUP_JOB = 'roll-up-analytics';
export const CAMPAIGN_METRICS_JOB = 'refresh-campaign-metrics';

/** The analytics repeatable jobs: rollups (ANALYTICS_ROLLUP_CRON) and campaign metrics (ANALYTICS_CAMPAIGN_REFRESH_CRON). */
@Injectable()
export class AnalyticsJobs {
  constructor(
    private readonly rollups: RollupsService,
    private readonly campaignMetrics: CampaignMetricsService,
  ) {}

  @RepeatableJob(ANALYTICS_QUEUE, ROLLUP_JOB, (config) => config.analytics.rollupCron)
  rollUp(): Promise<unknown> {
    return this.rollups.runAll();
  }

  @RepeatableJob(ANALYTICS_QUEUE, CAMPAIGN_METRICS_JOB, (config) => config.analytics.campaignRefreshCron)
  refreshCampaignMetrics(): Promise<unknown> {
    return this.campaignMetrics.refreshAll();
  }
}
