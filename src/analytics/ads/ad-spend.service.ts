import { Injectable } from '@nestjs/common';
import { AdPerformanceDto, AdSpendImportDto } from 'src/analytics/ads/ad-spend.dto';
import { parseAdSpendCsv } from 'src/analytics/ads/ad-spend-csv.parser';
import { AdLevel, AdSpendRepository } from 'src/analytics/ads/ad-spend.repository';
import { microsPer, roiPercentage } from 'src/analytics/metrics/roi.util';
import { analyticsRange } from 'src/analytics/queries/analytics-input.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { localDate } from 'src/common/time/zoned-time.util';
import { currencyCode } from 'src/common/validation/input-rules';

type ImportProgress = (written: number, total: number) => void;

function platformName(value: string | null | undefined, field = 'platform'): string {
  const platform = (value ?? '').trim().toLowerCase();
  if (!/^[a-z0-9_-]{1,40}$/.test(platform)) throw new ValidationFailure(field, 'must be 1 to 40 letters, digits, _ or -, e.g. facebook or google_ads');
  return platform;
}

/** Daily ad spend of seed 003: imported per platform from CSV, joined to landings by utm ids for ROI. */
@Injectable()
export class AdSpendService {
  constructor(private readonly repository: AdSpendRepository) {}

  /** Imports a CSV export; the days it covers replace what the platform had on them, bad rows are reported and left out. */
  async importCsv(workspaceId: string, platform: string, csv: string, defaultCurrency?: string | null, progress: ImportProgress = () => undefined): Promise<AdSpendImportDto> {
    const name = platformName(platform);
    const parsed = parseAdSpendCsv(csv, currencyCode(defaultCurrency ?? undefined, 'currency') ?? 'USD');
    const replacedRows = parsed.rows.length > 0 ? await this.repository.replaceDays(workspaceId, name, parsed.rows, (written) => progress(written, parsed.rows.length)) : 0;
    const spend = new Map<string, bigint>();
    for (const row of parsed.rows) spend.set(row.currencyCode, (spend.get(row.currencyCode) ?? 0n) + row.spendMicros);
    const days = [...new Set(parsed.rows.map((row) => row.date))].sort();
    return {
      platform: name,
      rowsRead: parsed.rows.length + parsed.badRows.length,
      imported: parsed.rows.length,
      daysReplaced: days.length,
      replacedRows,
      firstDate: days[0] ?? null,
      lastDate: days[days.length - 1] ?? null,
      spendByCurrency: [...spend.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, amount]) => ({ currencyCode: code, amount })),
      badRows: parsed.badRows,
    };
  }

  async performance(workspaceId: string, level: AdLevel, from: Date, to: Date, timeZone?: string | null, platform?: string | null): Promise<AdPerformanceDto[]> {
    const range = analyticsRange(from, to, timeZone);
    const rows = await this.repository.performance(
      workspaceId,
      level,
      platform ? platformName(platform) : null,
      localDate(range.zone, range.from.getTime()),
      localDate(range.zone, range.to.getTime() - 1),
      range.from,
      range.to,
    );
    return rows.map((row) => {
      const spend = BigInt(row.spend_micros);
      const revenue = BigInt(row.revenue_micros);
      return {
        campaignId: row.campaign_id,
        adsetId: row.adset_id,
        adId: row.ad_id,
        name: row.name,
        currencyCode: row.currency_code,
        spend,
        impressions: Number(row.impressions),
        adClicks: Number(row.ad_clicks),
        sessions: row.sessions,
        visitors: row.visitors,
        trackedClicks: row.tracked_clicks,
        conversions: row.conversions,
        revenue,
        costPerAcquisition: microsPer(spend, row.conversions),
        roiPercentage: roiPercentage(revenue, spend),
      };
    });
  }
}
