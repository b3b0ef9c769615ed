import { toCsv } from 'src/common/csv/csv-writer.util';
import { microsToDecimal } from 'src/common/money/micros.util';
import { hashedEmail, OfflineConversionRow } from 'src/attribution/exports/offline-conversion.util';

/**
 * Meta's offline events as Conversions API parameters (developers.facebook.com/docs/marketing-api/
 * conversions-api/parameters and …/offline-events): Meta publishes no fixed CSV template, so the
 * columns are the parameters' own names, which an upload tool maps one to one. A CRM's won deal is
 * `system_generated`; `em` is the hashed address, `fbc` the click id in Meta's cookie format.
 */
export const META_HEADER = ['event_name', 'event_time', 'action_source', 'em', 'fbc', 'value', 'currency'] as const;

export function metaFile(rows: readonly OfflineConversionRow[]): string {
  return toCsv(
    [
      META_HEADER,
      ...rows.map((row) => [
        row.kind === 'deal' ? 'Purchase' : 'Lead',
        String(Math.floor(row.convertedAt.getTime() / 1000)),
        'system_generated',
        hashedEmail(row.email),
        metaFbc(row.clickId, row.clickedAt),
        microsToDecimal(row.valueMicros),
        row.currencyCode,
      ]),
    ],
    { formulasAsText: false },
  );
}

/** fb.<subdomain index>.<creation time, ms>.<fbclid>: subdomain index 1 (the registrable domain), created when the click id reached the site. */
export function metaFbc(fbclid: string, clickedAt: Date): string {
  return `fb.1.${clickedAt.getTime()}.${fbclid}`;
}
