import { CsvRecord, isBlankRecord, readCsvRecords } from 'src/common/csv/csv-records.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { decimalToMicros } from 'src/common/money/micros.util';
import { optionalIsoDate } from 'src/common/validation/input-rules';

/** One day of spend of a platform campaign, adset or ad, as exported by ad platforms. */
export interface AdSpendRow {
  line: number;
  date: string;
  campaignId: string;
  campaignName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  adId: string | null;
  adName: string | null;
  placement: string | null;
  impressions: number;
  clicks: number;
  spendMicros: bigint;
  currencyCode: string;
}

interface BadRow {
  line: number;
  reason: string;
}

interface ParsedAdSpendCsv {
  separator: string;
  rows: AdSpendRow[];
  badRows: BadRow[];
}

type Column = 'date' | 'campaign_id' | 'campaign_name' | 'adset_id' | 'adset_name' | 'ad_id' | 'ad_name' | 'placement' | 'impressions' | 'clicks' | 'spend' | 'currency';

/** Header names as Meta, Google and LinkedIn exports spell them, normalised (lower case, _ for spaces and dashes). */
const ALIASES: Record<Column, readonly string[]> = {
  date: ['date', 'day', 'date_start', 'reporting_starts'],
  campaign_id: ['campaign_id'],
  campaign_name: ['campaign_name', 'campaign'],
  adset_id: ['adset_id', 'ad_set_id', 'ad_group_id'],
  adset_name: ['adset_name', 'ad_set_name', 'ad_group_name', 'ad_group'],
  ad_id: ['ad_id'],
  ad_name: ['ad_name', 'ad'],
  placement: ['placement'],
  impressions: ['impressions'],
  clicks: ['clicks', 'link_clicks'],
  spend: ['spend', 'amount_spent', 'cost'],
  currency: ['currency', 'currency_code'],
};
const REQUIRED: readonly Column[] = ['date', 'campaign_id', 'spend'];
const WHOLE = /^\d{1,15}$/;
const MAX_TEXT = 255;

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

function readHeader(names: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  names.forEach((raw, index) => {
    const name = normalise(raw);
    const column = (Object.keys(ALIASES) as Column[]).find((candidate) => ALIASES[candidate].includes(name));
    if (!column) return;
    if (columns.has(column)) throw new ValidationFailure('header', `two columns mean ${column} ("${names[columns.get(column) as number].trim()}" and "${raw.trim()}")`);
    columns.set(column, index);
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length > 0) throw new ValidationFailure('header', `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found ${names.map((name) => `"${name.trim()}"`).join(', ')})`);
  return columns;
}

/**
 * Reads daily ad spend: a header naming at least date, campaign_id and spend (common export
 * spellings accepted, any order, `,` `;` or tab separated), then one row per day and campaign,
 * adset or ad. Currency comes from a currency column, else `defaultCurrency`. A bad row never stops
 * the parse: it is listed with its line number and the reason; only an unusable header throws.
 */
export function parseAdSpendCsv(text: string, defaultCurrency: string): ParsedAdSpendCsv {
  const { separator, records } = readCsvRecords(text, [',', ';', '\t']);
  const header = records.shift();
  if (!header || header.error || isBlankRecord(header)) throw new ValidationFailure('header', 'the first line must be a header naming at least date, campaign_id and spend');
  const columns = readHeader(header.fields);
  const rows: AdSpendRow[] = [];
  const badRows: BadRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const parsed = record.error ?? readRow(record, columns, header.fields.length, separator, defaultCurrency);
    if (typeof parsed === 'string') {
      badRows.push({ line: record.line, reason: parsed });
      continue;
    }
    const key = JSON.stringify([parsed.date, parsed.campaignId, parsed.adsetId, parsed.adId]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      badRows.push({ line: record.line, reason: `repeats the day, campaign, adset and ad of line ${earlier}` });
      continue;
    }
    seen.set(key, record.line);
    rows.push(parsed);
  }
  return { separator, rows, badRows };
}

function readRow(record: CsvRecord, columns: Map<Column, number>, width: number, separator: string, defaultCurrency: string): AdSpendRow | string {
  if (record.fields.length !== width) return `expected ${width} fields, found ${record.fields.length}`;
  const text = (column: Column): string | null => {
    const index = columns.get(column);
    const value = index === undefined ? '' : record.fields[index].trim();
    return value === '' ? null : value;
  };
  try {
    const date = optionalIsoDate(text('date'), 'date');
    if (!date) return 'date: is required';
    const campaignId = text('campaign_id');
    if (!campaignId) return 'campaign_id: is required';
    for (const column of ['campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'ad_id', 'ad_name', 'placement'] as const) {
      if ((text(column)?.length ?? 0) > MAX_TEXT) return `${column}: must be at most ${MAX_TEXT} characters`;
    }
    const whole = (column: 'impressions' | 'clicks'): number | string => {
      const value = text(column) ?? '0';
      return WHOLE.test(value) ? Number(value) : `${column}: must be a whole number, 0 or more, got "${value}"`;
    };
    const impressions = whole('impressions');
    if (typeof impressions === 'string') return impressions;
    const clicks = whole('clicks');
    if (typeof clicks === 'string') return clicks;
    const rawSpend = text('spend') ?? '';
    // A ;-separated export writes decimals with a comma.
    const spendMicros = decimalToMicros(separator === ';' ? rawSpend.replace(',', '.') : rawSpend, 'spend');
    if (spendMicros < 0n) return 'spend: must not be negative';
    const currencyCode = (text('currency') ?? defaultCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currencyCode)) return `currency: must be a three-letter ISO 4217 code such as USD, got "${currencyCode}"`;
    return {
      line: record.line,
      date,
      campaignId,
      campaignName: text('campaign_name'),
      adsetId: text('adset_id'),
      adsetName: text('adset_name'),
      adId: text('ad_id'),
      adName: text('ad_name'),
      placement: text('placement'),
      impressions,
      clicks,
      spendMicros,
      currencyCode,
    };
  } catch (error) {
    if (error instanceof ValidationFailure) return error.message;
    throw error;
  }
}
