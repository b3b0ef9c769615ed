import type { CampaignStatsDto } from 'src/analytics/dto/analytics.dto';
import { toCsv } from 'src/common/csv/csv-writer.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { microsToDecimal } from 'src/common/money/micros.util';
import type { ActivityRecord } from 'src/tracking/exports/day-activity.service';

export const DAILY_ANALYTICS_HEADER = ['date', 'campaign_id', 'campaign', 'clicks', 'unique_visitors', 'leads', 'deals', 'revenue', 'currency'] as const;
export const ACTIVITY_FIELDS = ['kind', 'id', 'visitorId', 'sessionId', 'at', 'type', 'name', 'url', 'trackedLinkId', 'utmSource', 'utmMedium', 'utmCampaign'] as const;

/** One line per campaign for the day, revenue in the campaign's currency (credited conversions, as the analytics screens count them). */
export function dailyAnalyticsCsv(date: string, campaigns: readonly CampaignStatsDto[]): string {
  return toCsv([
    DAILY_ANALYTICS_HEADER,
    ...campaigns.map((stats) => [date, stats.campaignId, stats.name, stats.clicks, stats.uniqueVisitors, stats.leads, stats.deals, microsToDecimal(stats.revenue), stats.currencyCode]),
  ]);
}

export const activityCsvHeader = (): string => toCsv([ACTIVITY_FIELDS]);
export const activityCsvLines = (records: readonly ActivityRecord[]): string => (records.length === 0 ? '' : toCsv(records.map((record) => ACTIVITY_FIELDS.map((field) => record[field] ?? ''))));
export const activityNdjsonLines = (records: readonly ActivityRecord[]): string => records.map((record) => JSON.stringify(record) + '\n').join('');

/** The UTC day before `now`, as yyyy-mm-dd: the day a scheduled export writes. */
export const dayBefore = (now: Date): string => new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);

/** The day [from, to) in UTC of a yyyy-mm-dd date. */
export function utcDay(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== date) throw new ValidationFailure('date', `must be a day such as 2025-01-31, got "${date}"`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}
