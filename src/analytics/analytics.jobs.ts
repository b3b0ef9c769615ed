import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { registerRepeatableJob } from 'src/common/queue/repeatable-job.util';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';

export const ANALYTICS_QUEUE = 'trackflow-analytics';
export const ROLLUP_JOB = 'roll-up-analytics';
export const CAMPAIGN_METRICS_JOB = 'refresh-campaign-metrics';

/** The analytics repeatable jobs: rollups (ANALYTICS_ROLLUP_CRON) and campaign metrics (ANALYTICS_CAMPAIGN_REFRESH_CRON). */
@Injectable()
export class AnalyticsJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsJobs.name);

  constructor(
    @InjectQueue(ANALYTICS_QUEUE) private readonly queue: Queue,
    private readonly rollups: RollupsService,
    private readonly campaignMetrics: CampaignMetricsService,
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const common = { queue: this.queue, runWorkers: this.config.runWorkers, redis: this.redis.client, logger: this.logger };
    await registerRepeatableJob({ ...common, name: ROLLUP_JOB, schedule: this.config.analytics.rollupCron, run: () => this.rollups.runAll() });
    await registerRepeatableJob({ ...common, name: CAMPAIGN_METRICS_JOB, schedule: this.config.analytics.campaignRefreshCron, run: () => this.campaignMetrics.refreshAll() });
  }
}
