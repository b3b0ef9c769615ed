import { Injectable } from '@nestjs/common';
import { AnalyticsInterval, AnalyticsOverviewDto, AnalyticsPeriodDto, CampaignAnalyticsDto, CampaignStatsDto, LinkAnalyticsDto, SiteAnalyticsDto, TrafficPointDto } from 'src/analytics/dto/analytics.dto';
import { Figures, zeroFigures } from 'src/analytics/metrics/counters.util';
import { overviewCurrency, overviewFigures } from 'src/analytics/metrics/overview-figures.util';
import { percentage } from 'src/analytics/metrics/roi.util';
import { analyticsRange, AnalyticsRange, checkInterval, topLimit } from 'src/analytics/queries/analytics-input.util';
import { AnalyticsReader, AnalyticsReaderRepository, ByDimension, CampaignFactsRow, Frontiers } from 'src/analytics/queries/analytics-reader.repository';
import { conversionTotals, rankedBreakdown, rankedBy, spendIn, toCampaignStats, toSiteFigures, toVariantPerformance } from 'src/analytics/queries/analytics.mappers';
import { LINK_BREAKDOWNS, Scope, SITE_BREAKDOWNS } from 'src/analytics/rollups/rollup-sources';
import { Bucket, makeBuckets } from 'src/analytics/time/period-plan.util';
import { notFound } from 'src/common/errors/trackflow.exception';
import { localDate } from 'src/common/time/zoned-time.util';

const whole = (range: AnalyticsRange): Bucket[] => [{ index: 0, startMs: range.from.getTime(), endMs: range.to.getTime(), label: '' }];
/** The whole-range figures of one dimension, by value. */
const wholeRange = (byDimension: ByDimension, dimension: string) => byDimension.get(dimension)?.get(0);
const totalsOf = (byDimension: ByDimension) => wholeRange(byDimension, '')?.get('') ?? zeroFigures();

/**
 * campaignStats, campaignAnalytics, linkAnalytics and siteAnalytics: human, external traffic only, each visitor once
 * per period, whole past local days from the rollups and the rest from raw rows, in one snapshot.
 */
@Injectable()
export class AnalyticsService {
  constructor(private readonly reader: AnalyticsReaderRepository) {}

  async campaignStats(workspaceId: string, campaignId: string, from: Date, to: Date, timeZone?: string | null): Promise<CampaignStatsDto> {
    const range = analyticsRange(from, to, timeZone);
    return this.reader.snapshot(async (reader) => {
      const campaign = await reader.campaign(workspaceId, campaignId);
      if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
      return this.campaignStatsIn(reader, workspaceId, campaign, range);
    });
  }

  /** Lifetime figures of every campaign of a workspace (up to now), for the campaign metric refresh: from the primary, as it stores them. */
  lifetimeCampaignStats(workspaceId: string, now: Date): Promise<CampaignStatsDto[]> {
    return this.everyCampaignStats(workspaceId, { from: new Date(0), to: now, zone: 'UTC' }, { primary: true });
  }

  /** Every campaign's figures over [from, to) in UTC, in one snapshot: the daily analytics export. */
  everyCampaignStatsBetween(workspaceId: string, from: Date, to: Date): Promise<CampaignStatsDto[]> {
    return this.everyCampaignStats(workspaceId, analyticsRange(from, to, 'UTC'), { primary: false });
  }

  private everyCampaignStats(workspaceId: string, range: AnalyticsRange, reads: { primary: boolean }): Promise<CampaignStatsDto[]> {
    return this.reader.snapshot(async (reader) => {
      const stats: CampaignStatsDto[] = [];
      for (const campaign of await reader.campaigns(workspaceId)) stats.push(await this.campaignStatsIn(reader, workspaceId, campaign, range));
      return stats;
    }, reads);
  }

  async campaignAnalytics(workspaceId: string, campaignId: string, from: Date, to: Date, interval: AnalyticsInterval, timeZone?: string | null): Promise<CampaignAnalyticsDto> {
    const range = analyticsRange(from, to, timeZone);
    checkInterval(range, interval);
    return this.reader.snapshot(async (reader) => {
      const campaign = await reader.campaign(workspaceId, campaignId);
      if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
      const frontiers = await reader.frontiers(workspaceId, range.zone);
      const totals = totalsOf(await reader.figures(workspaceId, range.zone, 'campaign', campaign.id, [''], whole(range), frontiers.day));
      const series = await this.series(reader, workspaceId, 'campaign', campaign.id, range, interval, frontiers);
      return {
        campaignId: campaign.id,
        name: campaign.name,
        period: period(range, frontiers),
        interval,
        clicks: totals.clicks,
        uniqueVisitors: totals.visitors,
        series: series.map(trafficPoint),
      };
    });
  }

  async linkAnalytics(workspaceId: string, linkId: string, from: Date, to: Date, interval: AnalyticsInterval, timeZone?: string | null): Promise<LinkAnalyticsDto> {
    const range = analyticsRange(from, to, timeZone);
    checkInterval(range, interval);
    return this.reader.snapshot(async (reader) => {
      const link = await reader.link(workspaceId, linkId);
      if (!link) throw notFound('Tracked link', linkId, 'linkId');
      const frontiers = await reader.frontiers(workspaceId, range.zone);
      const figures = await reader.figures(workspaceId, range.zone, 'link', link.id, ['', ...LINK_BREAKDOWNS], whole(range), frontiers.day);
      const totals = totalsOf(figures);
      const conversions = conversionTotals(await reader.conversions(workspaceId, 'link', link.id, range.from, range.to, frontiers.conversionsCreditedBefore));
      const series = await this.series(reader, workspaceId, 'link', link.id, range, interval, frontiers);
      return {
        linkId: link.id,
        shortCode: link.shortCode,
        period: period(range, frontiers),
        interval,
        clicks: totals.clicks,
        uniqueVisitors: totals.visitors,
        conversions: conversions.conversions,
        conversionRate: percentage(conversions.conversions, totals.visitors),
        series: series.map(trafficPoint),
        referrers: rankedBreakdown(wholeRange(figures, 'referrer')),
        devices: rankedBreakdown(wholeRange(figures, 'device')),
        browsers: rankedBreakdown(wholeRange(figures, 'browser')),
        operatingSystems: rankedBreakdown(wholeRange(figures, 'os')),
        countries: rankedBreakdown(wholeRange(figures, 'country')),
        qrVsLink: rankedBreakdown(wholeRange(figures, 'qr')),
        ...toVariantPerformance(await reader.variants(workspaceId, link.id), wholeRange(figures, 'variant'), conversions.byVariant),
      };
    });
  }

  async siteAnalytics(workspaceId: string, from: Date, to: Date, interval: AnalyticsInterval, timeZone?: string | null, limit?: number | null): Promise<SiteAnalyticsDto> {
    const range = analyticsRange(from, to, timeZone);
    checkInterval(range, interval);
    const top = topLimit(limit);
    return this.reader.snapshot(async (reader) => {
      const frontiers = await reader.frontiers(workspaceId, range.zone);
      const figures = await reader.figures(workspaceId, range.zone, 'site', workspaceId, ['', ...SITE_BREAKDOWNS], whole(range), frontiers.day);
      const series = await this.series(reader, workspaceId, 'site', workspaceId, range, interval, frontiers);
      return {
        period: period(range, frontiers),
        interval,
        totals: toSiteFigures(totalsOf(figures)),
        series: series.map(({ bucket, figures }) => ({ ...point(bucket), ...toSiteFigures(figures) })),
        topPages: rankedBy(wholeRange(figures, 'path'), 'page_views', top, (path, figures) => ({ path, pageViews: figures.page_views, uniqueVisitors: figures.visitors })),
        topCtas: rankedBy(wholeRange(figures, 'cta'), 'ctas', top, (name, figures) => ({ name, clicks: figures.ctas, uniqueVisitors: figures.visitors })),
        topSources: rankedBy(wholeRange(figures, 'source'), 'sessions', top, (source, figures) => ({
          source,
          sessions: figures.sessions,
          uniqueVisitors: figures.visitors,
          bounceRate: percentage(figures.bounces, figures.sessions),
        })),
        topEntryPages: rankedBy(wholeRange(figures, 'entry'), 'sessions', top, (path, figures) => ({
          path,
          sessions: figures.sessions,
          uniqueVisitors: figures.visitors,
          bounceRate: percentage(figures.bounces, figures.sessions),
        })),
        topCountries: rankedBy(wholeRange(figures, 'country'), 'sessions', top, (country, figures) => ({ country, sessions: figures.sessions, uniqueVisitors: figures.visitors })),
      };
    });
  }

  /**
   * A workspace's figures over [from, to) beside those of the period of the same length just
   * before, with the period's clicks, visitors and sessions over time. Revenue is the value of the
   * conversions dated in the period; which campaign or channel earned it is the attribution
   * report's question, under the model asked.
   */
  async overview(workspaceId: string, from: Date, to: Date, interval: AnalyticsInterval, timeZone?: string | null): Promise<AnalyticsOverviewDto> {
    const range = analyticsRange(from, to, timeZone);
    checkInterval(range, interval);
    const before: AnalyticsRange = { from: new Date(2 * range.from.getTime() - range.to.getTime()), to: range.from, zone: range.zone };
    return this.reader.snapshot(async (reader) => {
      const frontiers = await reader.frontiers(workspaceId, range.zone);
      const facts = async (of: AnalyticsRange) => ({
        traffic: totalsOf(await reader.figures(workspaceId, of.zone, 'site', workspaceId, [''], whole(of), frontiers.day)),
        conversions: await reader.workspaceConversions(workspaceId, of.from, of.to),
        spend: await reader.workspaceSpend(workspaceId, localDate(of.zone, of.from.getTime()), localDate(of.zone, of.to.getTime() - 1)),
      });
      const [now, then] = [await facts(range), await facts(before)];
      const currencyCode = overviewCurrency(now.conversions, now.spend, overviewCurrency(then.conversions, then.spend, 'USD'));
      const figures = ({ traffic, conversions, spend }: typeof now) => overviewFigures(traffic, conversions, spend, currencyCode);
      const series = await this.series(reader, workspaceId, 'site', workspaceId, range, interval, frontiers);
      return {
        period: period(range, frontiers),
        previousPeriod: period(before, frontiers),
        interval,
        current: figures(now),
        previous: figures(then),
        series: series.map(({ bucket, figures }) => ({ ...point(bucket), clicks: figures.clicks, visitors: figures.visitors, sessions: figures.sessions })),
        filteredClicks: await reader.filteredClicks(workspaceId, range.from, range.to),
      };
    });
  }

  private async campaignStatsIn(reader: AnalyticsReader, workspaceId: string, campaign: CampaignFactsRow, range: AnalyticsRange): Promise<CampaignStatsDto> {
    const frontiers = await reader.frontiers(workspaceId, range.zone);
    const figures = totalsOf(await reader.figures(workspaceId, range.zone, 'campaign', campaign.id, [''], whole(range), frontiers.day));
    const conversions = await reader.conversions(workspaceId, 'campaign', campaign.id, range.from, range.to, frontiers.conversionsCreditedBefore);
    const spend = campaign.externalCampaignId
      ? await reader.campaignSpend(workspaceId, campaign.externalCampaignId, localDate(range.zone, range.from.getTime()), localDate(range.zone, range.to.getTime() - 1))
      : null;
    return { ...toCampaignStats(campaign, figures, conversions, spendIn(campaign.currencyCode, spend)), period: period(range, frontiers) };
  }

  /** Every bucket of the range, empty ones included: hours from the hourly rollups, days and weeks from the daily ones. */
  private async series(reader: AnalyticsReader, workspaceId: string, scope: Scope, scopeId: string, range: AnalyticsRange, interval: AnalyticsInterval, frontiers: Frontiers) {
    const buckets = makeBuckets(range.zone, range.from.getTime(), range.to.getTime(), interval);
    if (interval === AnalyticsInterval.HOUR) {
      const hours = await reader.hourlyFigures(workspaceId, scope, scopeId, buckets, frontiers.hour);
      return buckets.map((bucket) => ({ bucket, figures: hours.get(bucket.index) ?? zeroFigures() }));
    }
    const byBucket = (await reader.figures(workspaceId, range.zone, scope, scopeId, [''], buckets, frontiers.day)).get('');
    return buckets.map((bucket) => ({ bucket, figures: byBucket?.get(bucket.index)?.get('') ?? zeroFigures() }));
  }
}

const period = (range: AnalyticsRange, frontiers: Frontiers): AnalyticsPeriodDto => ({ from: range.from, to: range.to, timeZone: range.zone, rolledUpUntil: frontiers.day });
const point = (bucket: Bucket) => ({ label: bucket.label, start: new Date(bucket.startMs), end: new Date(bucket.endMs) });
const trafficPoint = ({ bucket, figures }: { bucket: Bucket; figures: Figures }): TrafficPointDto => ({ ...point(bucket), clicks: figures.clicks, uniqueVisitors: figures.visitors });
