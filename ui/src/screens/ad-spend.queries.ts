export const IMPORT_AD_SPEND = `mutation ImportAdSpend($platform: String!, $csv: String!, $currencyCode: String) {
  importAdSpend(platform: $platform, csv: $csv, currencyCode: $currencyCode) {
    platform rowsRead imported daysReplaced replacedRows firstDate lastDate spendByCurrency { currencyCode amount } badRows { line reason }
  }
}`;

export const AD_PERFORMANCE = `query AdPerformance($from: DateTime!, $to: DateTime!, $level: AdLevel!, $timeZone: String) {
  adPerformance(from: $from, to: $to, level: $level, timeZone: $timeZone) {
    campaignId adsetId adId name currencyCode spend impressions adClicks sessions visitors conversions revenue costPerAcquisition roiPercentage
  }
}`;

export interface AdSpendImport {
  platform: string;
  rowsRead: number;
  imported: number;
  daysReplaced: number;
  replacedRows: number;
  firstDate: string | null;
  lastDate: string | null;
  spendByCurrency: { currencyCode: string; amount: string }[];
  badRows: { line: number; reason: string }[];
}

export type AdLevel = 'CAMPAIGN' | 'ADSET' | 'AD';

export interface AdPerformanceRow {
  campaignId: string;
  adsetId: string | null;
  adId: string | null;
  name: string | null;
  currencyCode: string | null;
  spend: string;
  impressions: number;
  adClicks: number;
  sessions: number;
  visitors: number;
  conversions: number;
  revenue: string;
  costPerAcquisition: string | null;
  roiPercentage: number | null;
}
