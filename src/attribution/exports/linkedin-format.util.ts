import { toCsv } from 'src/common/csv/csv-writer.util';
import { microsToDecimal } from 'src/common/money/micros.util';
import { hashedEmail, OfflineConversionRow } from 'src/attribution/exports/offline-conversion.util';

/**
 * LinkedIn Campaign Manager's CSV conversion upload (linkedin.com/help/lms/answer/a530615,
 * "Conversions data manual upload template requirements"): its column names unedited, the optional
 * ones TrackFlow cannot fill (names, company, title, country) left out as that page allows. The
 * template has no column for the li_fat_id click id (only the Conversions API takes it, as
 * LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID), so the click id picks the rows but is not in the file.
 */
export const LINKEDIN_HEADER = ['email', 'timestamp', 'eventtype', 'amount', 'currency'] as const;

export function linkedInFile(rows: readonly OfflineConversionRow[]): string {
  return toCsv(
    [LINKEDIN_HEADER, ...rows.map((row) => [hashedEmail(row.email), String(row.convertedAt.getTime()), row.kind === 'deal' ? 'purchase' : 'lead', microsToDecimal(row.valueMicros), row.currencyCode])],
    { formulasAsText: false },
  );
}
