import { toCsv } from 'src/common/csv/csv-writer.util';
import { microsToDecimal } from 'src/common/money/micros.util';
import { OfflineConversionRow } from 'src/attribution/exports/offline-conversion.util';

/**
 * Google Ads' click-conversion import file (support.google.com/google-ads/answer/7014069, "Import
 * conversions from ad clicks into Google Ads using files"): its template's columns, with every
 * time carrying its own offset, so the optional "Parameters:TimeZone=" line is left out, as that
 * page says to do when the times say their zone.
 */
export const GOOGLE_ADS_HEADER = ['Google Click ID', 'Conversion Name', 'Conversion Time', 'Conversion Value', 'Conversion Currency'] as const;

export function googleAdsFile(rows: readonly OfflineConversionRow[]): string {
  return toCsv([GOOGLE_ADS_HEADER, ...rows.map((row) => [row.clickId, row.conversionName, googleAdsTime(row.convertedAt), microsToDecimal(row.valueMicros), row.currencyCode])], { formulasAsText: false });
}

/** "yyyy-mm-dd hh:mm:ss+|-hh:mm", Google's documented conversion date time; in UTC unless an offset (minutes east) is given. */
export function googleAdsTime(at: Date, offsetMinutes = 0): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${local.slice(0, 10)} ${local.slice(11, 19)}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

const pad = (value: number): string => String(value).padStart(2, '0');
