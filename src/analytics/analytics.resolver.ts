import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdLevelEnum, AdPerformanceDto, AdSpendImportDto } from 'src/analytics/ads/ad-spend.dto';
import { AdSpendService } from 'src/analytics/ads/ad-spend.service';
import { AnalyticsInterval, AnalyticsOverviewDto, CampaignAnalyticsDto, CampaignStatsDto, LinkAnalyticsDto, SiteAnalyticsDto } from 'src/analytics/dto/analytics.dto';
import { VisitorJourneyDto } from 'src/analytics/journey/visitor-journey.dto';
import { VisitorJourneyService } from 'src/analytics/journey/visitor-journey.service';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';

const TIME_ZONE = { type: () => String, nullable: true, description: 'IANA time zone of days, weeks and hours; UTC if omitted' } as const;

@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly journeys: VisitorJourneyService,
    private readonly adSpend: AdSpendService,
  ) {}

  @Query(() => AnalyticsOverviewDto, { description: 'The workspace\'s clicks, visitors, leads, won deals, revenue, cost and ROI over [from, to), beside the period of the same length before, with figures over time' })
  @RequireScope('analytics:read')
  analyticsOverview(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => AnalyticsInterval, defaultValue: AnalyticsInterval.DAY }) interval: AnalyticsInterval,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
  ): Promise<AnalyticsOverviewDto> {
    return this.analytics.overview(workspaceId, from, to, interval, timeZone);
  }

  @Query(() => CampaignStatsDto, { description: 'Clicks, visitors, sessions, conversions, revenue, cost and ROI of a campaign over [from, to)' })
  @RequireScope('analytics:read')
  campaignStats(
    @CurrentWorkspace() workspaceId: string,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
  ): Promise<CampaignStatsDto> {
    return this.analytics.campaignStats(workspaceId, campaignId, from, to, timeZone);
  }

  @Query(() => CampaignAnalyticsDto, { description: 'A campaign\'s clicks and visitors over time, one point per hour, day or week, over [from, to)' })
  @RequireScope('analytics:read')
  campaignAnalytics(
    @CurrentWorkspace() workspaceId: string,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => AnalyticsInterval, defaultValue: AnalyticsInterval.DAY }) interval: AnalyticsInterval,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
  ): Promise<CampaignAnalyticsDto> {
    return this.analytics.campaignAnalytics(workspaceId, campaignId, from, to, interval, timeZone);
  }

  @Query(() => LinkAnalyticsDto, { description: 'A link\'s clicks and visitors over time, with breakdowns and A/B variants, over [from, to)' })
  @RequireScope('analytics:read')
  linkAnalytics(
    @CurrentWorkspace() workspaceId: string,
    @Args('linkId', { type: () => ID }) linkId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => AnalyticsInterval, defaultValue: AnalyticsInterval.DAY }) interval: AnalyticsInterval,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
  ): Promise<LinkAnalyticsDto> {
    return this.analytics.linkAnalytics(workspaceId, linkId, from, to, interval, timeZone);
  }

  @Query(() => SiteAnalyticsDto, { description: 'Website figures (seed daily_rollups) over time, top pages, CTAs and sources, over [from, to)' })
  @RequireScope('analytics:read')
  siteAnalytics(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => AnalyticsInterval, defaultValue: AnalyticsInterval.DAY }) interval: AnalyticsInterval,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
    @Args('limit', { type: () => Int, nullable: true, description: 'Rows of each top list, 1 to 100, default 10' }) limit?: number | null,
  ): Promise<SiteAnalyticsDto> {
    return this.analytics.siteAnalytics(workspaceId, from, to, interval, timeZone, limit);
  }

  @Query(() => VisitorJourneyDto, { description: 'Sessions, clicks, page views, events and conversions of a visitor or of every visitor of a Twenty person, in time order' })
  @RequireScope('analytics:read')
  visitorJourney(
    @CurrentWorkspace() workspaceId: string,
    @Args('visitorId', { type: () => String, nullable: true }) visitorId?: string | null,
    @Args('personId', { type: () => String, nullable: true }) personId?: string | null,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
    @Args('limit', { type: () => Int, nullable: true, description: '1 to 5000, default 500' }) limit?: number | null,
  ): Promise<VisitorJourneyDto> {
    return this.journeys.journey(workspaceId, { visitorId, personId, from, to, timeZone, limit });
  }

  @Mutation(() => AdSpendImportDto, { description: 'Imports daily ad spend (CSV text, at most about 90 KB here; use the CLI for big files): the days it covers replace the platform\'s earlier rows' })
  @RequireScope('analytics:write')
  importAdSpend(
    @CurrentWorkspace() workspaceId: string,
    @Args('platform') platform: string,
    @Args('csv') csv: string,
    @Args('currencyCode', { type: () => String, nullable: true, description: 'For rows without a currency column; USD if omitted' }) currencyCode?: string | null,
  ): Promise<AdSpendImportDto> {
    return this.adSpend.importCsv(workspaceId, platform, csv, currencyCode);
  }

  @Query(() => [AdPerformanceDto], { description: 'Spend, landings, conversions, CPA and ROI per platform campaign, adset or ad over [from, to)' })
  @RequireScope('analytics:read')
  adPerformance(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('level', { type: () => AdLevelEnum, defaultValue: AdLevelEnum.CAMPAIGN }) level: AdLevelEnum,
    @Args('timeZone', TIME_ZONE) timeZone?: string | null,
    @Args('platform', { type: () => String, nullable: true }) platform?: string | null,
  ): Promise<AdPerformanceDto[]> {
    return this.adSpend.performance(workspaceId, level, from, to, timeZone, platform);
  }
}
