import { googleAdsFile } from 'src/attribution/exports/google-ads-format.util';
import { linkedInFile } from 'src/attribution/exports/linkedin-format.util';
import { metaFile } from 'src/attribution/exports/meta-format.util';
import { microsoftAdsFile } from 'src/attribution/exports/microsoft-ads-format.util';
import { AdPlatform, OfflineConversionRow } from 'src/attribution/exports/offline-conversion.util';

/** The file each platform's upload accepts, from the same rows. */
export function offlineConversionFile(platform: AdPlatform, rows: readonly OfflineConversionRow[]): string {
  switch (platform) {
    case 'google-ads':
      return googleAdsFile(rows);
    case 'meta':
      return metaFile(rows);
    case 'microsoft-ads':
      return microsoftAdsFile(rows);
    case 'linkedin':
      return linkedInFile(rows);
  }
}
