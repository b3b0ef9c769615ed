/** The GraphQL of the link detail screen. */
import { CampaignAnalytics } from '../queries';

export type Breakdown = { key: string; clicks: number; uniqueVisitors: number };
export type VariantResult = { variantId: string; variantName: string; clicks: number; uniqueVisitors: number; conversions: number; conversionRate: number | null; probabilityBest: number | null };
export type AbTest = { threshold: number; leaderVariantId: string; verdictReached: boolean; visitorsNeeded: number | null; method: string };

export type LinkDetail = {
  trackedLink: { id: string; title: string | null; shortCode: string; shortUrl: string; destinationUrl: string };
  linkAnalytics: CampaignAnalytics & {
    conversions: number;
    conversionRate: number | null;
    referrers: Breakdown[];
    devices: Breakdown[];
    browsers: Breakdown[];
    operatingSystems: Breakdown[];
    countries: Breakdown[];
    qrVsLink: Breakdown[];
    variants: VariantResult[];
    abTest: AbTest | null;
  };
};

const BREAKDOWN = 'key clicks uniqueVisitors';

export const LINK_DETAIL = `query LinkDetail($id: ID!, $from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $timeZone: String) {
  trackedLink(id: $id) { id title shortCode shortUrl destinationUrl }
  linkAnalytics(linkId: $id, from: $from, to: $to, interval: $interval, timeZone: $timeZone) {
    interval clicks uniqueVisitors conversions conversionRate series { label clicks uniqueVisitors }
    referrers { ${BREAKDOWN} } devices { ${BREAKDOWN} } browsers { ${BREAKDOWN} } operatingSystems { ${BREAKDOWN} } countries { ${BREAKDOWN} } qrVsLink { ${BREAKDOWN} }
    variants { variantId variantName clicks uniqueVisitors conversions conversionRate probabilityBest }
    abTest { threshold leaderVariantId verdictReached visitorsNeeded method } } }`;
