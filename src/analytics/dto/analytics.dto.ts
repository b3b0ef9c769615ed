import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';
import { FilteredClicksDto } from 'src/tracking/clicks/filtered-clicks.dto';

export enum AnalyticsInterval {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(AnalyticsInterval, { name: 'AnalyticsInterval', description: 'Calendar hours, days or ISO weeks (Monday first) of the asked time zone' });

export enum CostSource {
  AD_SPEND = 'AD_SPEND',
  BUDGET = 'BUDGET',
  NONE = 'NONE',
}
registerEnumType(CostSource, { name: 'CostSource', description: 'Imported ad spend of the period when the campaign has any, else its budget' });

@ObjectType('MoneyAmount')
export class MoneyAmountDto {
  @Field() currencyCode!: string;
  @Field(() => MoneyScalar) amount!: bigint;
}

@ObjectType('AnalyticsPeriod', { description: 'The range answered and how: rollups up to rolledUpUntil, raw rows after it' })
export class AnalyticsPeriodDto {
  @Field() from!: Date;
  @Field() to!: Date;
  @Field() timeZone!: string;
  @Field(() => Date, { nullable: true, description: 'Whole local days before this instant came from daily rollups; null when this zone is not rolled up (ANALYTICS_TIME_ZONES)' })
  rolledUpUntil!: Date | null;
}

@ObjectType('CampaignStats')
export class CampaignStatsDto {
  @Field(() => ID) campaignId!: string;
  @Field() name!: string;
  @Field(() => AnalyticsPeriodDto) period!: AnalyticsPeriodDto;
  @Field(() => Int, { description: 'Human, external clicks on the campaign\'s links' }) clicks!: number;
  @Field(() => Int, { description: 'Visitors who clicked, each counted once in the period' }) uniqueVisitors!: number;
  @Field(() => Int, { description: 'Sessions started in the period that hold a click of the campaign' }) sessions!: number;
  @Field(() => Int, { description: 'Conversions whose last click (within the attribution window) was on the campaign' }) conversions!: number;
  @Field(() => Int) leads!: number;
  @Field(() => Int) deals!: number;
  @Field({ description: 'The campaign\'s currency: revenue, cost and ratios are in it' }) currencyCode!: string;
  @Field(() => MoneyScalar, { description: 'Value of the credited conversions in the campaign\'s currency' }) revenue!: bigint;
  @Field(() => [MoneyAmountDto], { description: 'Credited conversion value per currency, the campaign\'s own included' }) revenueByCurrency!: MoneyAmountDto[];
  @Field(() => Float, { nullable: true, description: 'conversions / uniqueVisitors, in percent' }) conversionRate!: number | null;
  @Field(() => MoneyScalar, { nullable: true }) cost!: bigint | null;
  @Field(() => CostSource) costSource!: CostSource;
  @Field(() => MoneyScalar, { nullable: true }) costPerClick!: bigint | null;
  @Field(() => MoneyScalar, { nullable: true }) costPerAcquisition!: bigint | null;
  @Field(() => Float, { nullable: true, description: '(revenue − cost) / cost, in percent' }) roiPercentage!: number | null;
}

@ObjectType('TrafficPoint')
export class TrafficPointDto {
  @Field({ description: 'Calendar start in the zone: 2026-11-03, or 2026-11-03T14:00 for hours' }) label!: string;
  @Field({ description: 'Start of the period (clipped to from)' }) start!: Date;
  @Field({ description: 'End of the period (clipped to to)' }) end!: Date;
  @Field(() => Int) clicks!: number;
  @Field(() => Int, { description: 'Each visitor once in this period' }) uniqueVisitors!: number;
}

@ObjectType('CampaignAnalytics')
export class CampaignAnalyticsDto {
  @Field(() => ID) campaignId!: string;
  @Field() name!: string;
  @Field(() => AnalyticsPeriodDto) period!: AnalyticsPeriodDto;
  @Field(() => AnalyticsInterval) interval!: AnalyticsInterval;
  @Field(() => Int, { description: 'Human, external clicks on the campaign\'s links' }) clicks!: number;
  @Field(() => Int, { description: 'Visitors who clicked, each counted once in the whole period' }) uniqueVisitors!: number;
  @Field(() => [TrafficPointDto], { description: 'One point per hour, day or week, empty periods included' }) series!: TrafficPointDto[];
}

@ObjectType('TrafficBreakdown')
export class TrafficBreakdownDto {
  @Field() key!: string;
  @Field(() => Int) clicks!: number;
  @Field(() => Int, { description: 'Each visitor once in the whole period' }) uniqueVisitors!: number;
}

@ObjectType('VariantPerformance')
export class VariantPerformanceDto {
  @Field(() => ID) variantId!: string;
  @Field({ description: 'The variant name, or "(deleted variant)"' }) variantName!: string;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) uniqueVisitors!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => Float, { nullable: true, description: 'conversions / uniqueVisitors, in percent' }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Probability, 0 to 1, that this variant converts best (Beta posteriors); null with fewer than two variants' }) probabilityBest!: number | null;
}

@ObjectType('AbTestVerdict', { description: 'Whether an A/B test has a winner yet' })
export class AbTestVerdictDto {
  @Field(() => Float, { description: 'The probability of being best a verdict needs' }) threshold!: number;
  @Field(() => ID, { description: 'The variant most likely best' }) leaderVariantId!: string;
  @Field({ description: 'The leader\'s probability of being best reached the threshold' }) verdictReached!: boolean;
  @Field(() => Int, { nullable: true, description: 'About how many more visitors, split evenly, a verdict needs if the rates seen so far hold; 0 when reached, null when the leading rates are equal' })
  visitorsNeeded!: number | null;
  @Field({ description: 'How the figures are computed, in words' }) method!: string;
}

@ObjectType('LinkAnalytics')
export class LinkAnalyticsDto {
  @Field(() => ID) linkId!: string;
  @Field() shortCode!: string;
  @Field(() => AnalyticsPeriodDto) period!: AnalyticsPeriodDto;
  @Field(() => AnalyticsInterval) interval!: AnalyticsInterval;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) uniqueVisitors!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => Float, { nullable: true }) conversionRate!: number | null;
  @Field(() => [TrafficPointDto], { description: 'One point per hour, day or week, empty periods included' }) series!: TrafficPointDto[];
  @Field(() => [TrafficBreakdownDto], { description: 'Referrer hosts, "(direct)" without a referrer; most clicks first' }) referrers!: TrafficBreakdownDto[];
  @Field(() => [TrafficBreakdownDto], { description: 'desktop, mobile, tablet, ...' }) devices!: TrafficBreakdownDto[];
  @Field(() => [TrafficBreakdownDto]) browsers!: TrafficBreakdownDto[];
  @Field(() => [TrafficBreakdownDto]) operatingSystems!: TrafficBreakdownDto[];
  @Field(() => [TrafficBreakdownDto], { description: 'Only clicks whose country is known' }) countries!: TrafficBreakdownDto[];
  @Field(() => [TrafficBreakdownDto], { description: 'qr (scans of the QR code) and link' }) qrVsLink!: TrafficBreakdownDto[];
  @Field(() => [VariantPerformanceDto], { description: 'A/B variants, every variant of the link included' }) variants!: VariantPerformanceDto[];
  @Field(() => AbTestVerdictDto, { nullable: true, description: 'Null with fewer than two variants' }) abTest!: AbTestVerdictDto | null;
}

@ObjectType('SiteFigures')
export class SiteFiguresDto {
  @Field(() => Int, { description: 'Visitors with a tracked event, each once in the period' }) visitors!: number;
  @Field(() => Int, { description: 'Visits with at least one page view, by start' }) sessions!: number;
  @Field(() => Int) bounces!: number;
  @Field(() => Float, { nullable: true, description: 'bounces / sessions, in percent' }) bounceRate!: number | null;
  @Field(() => Int) pageViews!: number;
  @Field(() => Int) formStarts!: number;
  @Field(() => Int) formSubmits!: number;
  @Field(() => Int) ctaClicks!: number;
  @Field(() => Int, { description: 'Sessions that ended on a known page' }) exits!: number;
  @Field(() => Float, { nullable: true }) averageSessionSeconds!: number | null;
}

@ObjectType('SitePoint')
class SitePointDto extends SiteFiguresDto {
  @Field() label!: string;
  @Field() start!: Date;
  @Field() end!: Date;
}

@ObjectType('TopPage')
class TopPageDto {
  @Field() path!: string;
  @Field(() => Int) pageViews!: number;
  @Field(() => Int) uniqueVisitors!: number;
}

@ObjectType('TopCta')
class TopCtaDto {
  @Field({ description: 'The CTA\'s name, else its selector' }) name!: string;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) uniqueVisitors!: number;
}

@ObjectType('TopSource')
class TopSourceDto {
  @Field({ description: 'utm_source, else the referrer host, else "(direct)"' }) source!: string;
  @Field(() => Int) sessions!: number;
  @Field(() => Int) uniqueVisitors!: number;
  @Field(() => Float, { nullable: true }) bounceRate!: number | null;
}

@ObjectType('TopEntryPage')
class TopEntryPageDto {
  @Field({ description: 'The path visits started on' }) path!: string;
  @Field(() => Int) sessions!: number;
  @Field(() => Int) uniqueVisitors!: number;
  @Field(() => Float, { nullable: true }) bounceRate!: number | null;
}

@ObjectType('TopCountry')
class TopCountryDto {
  @Field({ description: 'ISO 3166 code; visits whose country is unknown are left out' }) country!: string;
  @Field(() => Int) sessions!: number;
  @Field(() => Int) uniqueVisitors!: number;
}

@ObjectType('SiteAnalytics')
export class SiteAnalyticsDto {
  @Field(() => AnalyticsPeriodDto) period!: AnalyticsPeriodDto;
  @Field(() => AnalyticsInterval) interval!: AnalyticsInterval;
  @Field(() => SiteFiguresDto) totals!: SiteFiguresDto;
  @Field(() => [SitePointDto]) series!: SitePointDto[];
  @Field(() => [TopPageDto], { description: 'Most viewed first' }) topPages!: TopPageDto[];
  @Field(() => [TopCtaDto]) topCtas!: TopCtaDto[];
  @Field(() => [TopSourceDto]) topSources!: TopSourceDto[];
  @Field(() => [TopEntryPageDto], { description: 'Most visits started first' }) topEntryPages!: TopEntryPageDto[];
  @Field(() => [TopCountryDto], { description: 'Most visits first' }) topCountries!: TopCountryDto[];
}

@ObjectType('OverviewFigures', { description: 'A workspace\'s figures over one period' })
export class OverviewFiguresDto {
  @Field(() => Int, { description: 'Human, external clicks on every link of the workspace' }) clicks!: number;
  @Field(() => Int, { description: 'Website visitors the tracker saw, each once in the period' }) visitors!: number;
  @Field(() => Int, { description: 'Website visits with at least one page view' }) sessions!: number;
  @Field(() => Int, { description: 'Lead conversions dated in the period' }) leads!: number;
  @Field(() => Int, { description: 'Deal conversions (won deals) dated in the period' }) dealsWon!: number;
  @Field({ description: 'The currency of revenue, cost and ROI: the one with the most revenue, else the most spend' }) currencyCode!: string;
  @Field(() => MoneyScalar, { description: 'Value of the conversions dated in the period, in currencyCode' }) revenue!: bigint;
  @Field(() => [MoneyAmountDto], { description: 'Conversion value per currency' }) revenueByCurrency!: MoneyAmountDto[];
  @Field(() => MoneyScalar, { nullable: true, description: 'Imported ad spend on the local days of the period, in currencyCode; null when no spend was ever imported' }) cost!: bigint | null;
  @Field(() => [MoneyAmountDto]) costByCurrency!: MoneyAmountDto[];
  @Field(() => Float, { nullable: true, description: '(revenue − cost) / cost, in percent' }) roiPercentage!: number | null;
}

@ObjectType('OverviewPoint')
export class OverviewPointDto {
  @Field() label!: string;
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) visitors!: number;
  @Field(() => Int) sessions!: number;
}

@ObjectType('AnalyticsOverview')
export class AnalyticsOverviewDto {
  @Field(() => AnalyticsPeriodDto) period!: AnalyticsPeriodDto;
  @Field(() => AnalyticsPeriodDto, { description: 'The period of the same length just before' }) previousPeriod!: AnalyticsPeriodDto;
  @Field(() => AnalyticsInterval) interval!: AnalyticsInterval;
  @Field(() => OverviewFiguresDto) current!: OverviewFiguresDto;
  @Field(() => OverviewFiguresDto) previous!: OverviewFiguresDto;
  @Field(() => [OverviewPointDto], { description: 'The period, one point per hour, day or week, empty ones included' }) series!: OverviewPointDto[];
  @Field(() => FilteredClicksDto, { description: "The period's clicks stored but not counted in its clicks, visitors or attribution (bots, internal traffic)" }) filteredClicks!: FilteredClicksDto;
}
