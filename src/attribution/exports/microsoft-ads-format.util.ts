import { toCsv } from 'src/common/csv/csv-writer.util';
import { microsToDecimal } from 'src/common/money/micros.util';
import { OfflineConversionRow } from 'src/attribution/exports/offline-conversion.util';

/**
 * Microsoft Advertising's bulk file of offline conversions (learn.microsoft.com/advertising/
 * bulk-service/offline-conversion, Bulk API v13, Format Version 6.0): its header, the Format
 * Version row, then one Offline Conversion row each, the conversion id as Client Id.
 */
export const MICROSOFT_ADS_HEADER = ['Type', 'Status', 'Id', 'Parent Id', 'Client Id', 'Name', 'Conversion Currency Code', 'Conversion Name', 'Conversion Time', 'Conversion Value', 'Microsoft Click Id'] as const;
const FORMAT_VERSION_ROW = ['Format Version', '', '', '', '', '6.0', '', '', '', '', ''];

export function microsoftAdsFile(rows: readonly OfflineConversionRow[]): string {
  return toCsv(
    [
      MICROSOFT_ADS_HEADER,
      FORMAT_VERSION_ROW,
      ...rows.map((row) => ['Offline Conversion', '', '', '', row.conversionId, '', row.currencyCode, row.conversionName, microsoftAdsTime(row.convertedAt), microsToDecimal(row.valueMicros), row.clickId]),
    ],
    { formulasAsText: false },
  );
}

/** "M/d/yyyy h:mm:ss AM|PM" in UTC, as the published example writes times. */
export function microsoftAdsTime(at: Date): string {
  const hours = at.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${twelve}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
