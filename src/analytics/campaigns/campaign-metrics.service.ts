import { Injectable, Logger } from '@nestjs/common';
import { CampaignMetricsRepository } from 'src/analytics/campaigns/campaign-metrics.repository';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { RollupsRepository } from 'src/analytics/rollups/rollups.repository';
import { DomainEvents } from 'src/common/events/domain-events';
import { CampaignsChanged } from 'src/links/links.events';

/**
 * Keeps the metric fields of campaign, link and variant rows current with lifetime analytics:
 * conversions, revenue, conversion rate, cost, cost per click and per acquisition, ROI. A campaign
 * whose figures (these, and the clicks and visitors the click worker keeps) changed since they were
 * last announced is announced as changed, so its Twenty mirror and campaign.updated subscribers get
 * them (one batch write per 60 campaigns); the others are left alone.
 */
@Injectable()
export class CampaignMetricsService {
  private readonly logger = new Logger(CampaignMetricsService.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly repository: CampaignMetricsRepository,
    private readonly workspaces: RollupsRepository,
    private readonly events: DomainEvents,
  ) {}

  async refreshWorkspace(workspaceId: string): Promise<string[]> {
    const stats = await this.analytics.lifetimeCampaignStats(workspaceId, new Date());
    const changed = await this.repository.saveCampaignMetrics(
      workspaceId,
      stats.map((stat) => ({
        campaignId: stat.campaignId,
        conversions: stat.conversions,
        revenueMicros: stat.revenue,
        conversionRate: stat.conversionRate,
        costMicros: stat.cost,
        costPerClickMicros: stat.costPerClick,
        costPerAcquisitionMicros: stat.costPerAcquisition,
        roiPercentage: stat.roiPercentage,
      })),
    );
    await this.repository.saveLinkConversionCounts(workspaceId);
    const announced = await this.repository.takeCampaignsWithNewFigures(workspaceId);
    if (announced.length > 0) await this.events.publish(CampaignsChanged, { workspaceId, campaignIds: announced, linksChanged: false });
    return changed;
  }

  /** Every workspace; one failing workspace does not stop the others. */
  async refreshAll(): Promise<{ workspaces: number; changedCampaigns: number; failed: string[] }> {
    const failed: string[] = [];
    let changedCampaigns = 0;
    const workspaces = await this.workspaces.workspaceIds();
    for (const workspaceId of workspaces) {
      try {
        changedCampaigns += (await this.refreshWorkspace(workspaceId)).length;
      } catch (error) {
        failed.push(workspaceId);
        this.logger.error(`campaign metrics of workspace ${workspaceId} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    return { workspaces: workspaces.length, changedCampaigns, failed };
  }
}
