import { ATTRIBUTION_MODEL, CAMPAIGN, CONVERSION, DEAL_ATTRIBUTION, LINK_VARIANT, TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { shortUrlBase, shortUrlOf } from 'src/links/short-url.util';

/** Everything TrackFlow keeps a copy of in Twenty: staff's records, and the results they read on people and deals. */
export type MirrorKind = 'campaign' | 'link' | 'variant' | 'attributionModel' | 'conversion' | 'dealAttribution';

export const MIRROR_PLURAL: Readonly<Record<MirrorKind, string>> = {
  campaign: CAMPAIGN.namePlural,
  link: TRACKED_LINK.namePlural,
  variant: LINK_VARIANT.namePlural,
  attributionModel: ATTRIBUTION_MODEL.namePlural,
  conversion: CONVERSION.namePlural,
  dealAttribution: DEAL_ATTRIBUTION.namePlural,
};

// Twenty's amountMicros takes a number or, beyond 2^53, a string of digits.
const money = (micros: string | null, currencyCode: string) => (micros === null ? null : { amountMicros: Number.isSafeInteger(Number(micros)) ? Number(micros) : micros, currencyCode });
const link = (url: string | null) => (url ? { primaryLinkUrl: url, primaryLinkLabel: '' } : null);
const instant = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export type CampaignRow = {
  id: string;
  name: string;
  campaign_type: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  source: string | null;
  medium: string | null;
  budget_micros: string | null;
  currency_code: string;
  total_clicks: string;
  unique_visitors: string;
  revenue_micros: string;
};

export function campaignRecord(row: CampaignRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    campaignType: row.campaign_type,
    status: row.status,
    // Campaign dates are calendar days; Twenty's DATE_TIME takes them as midnight UTC.
    startDate: row.start_date ? `${row.start_date}T00:00:00.000Z` : null,
    endDate: row.end_date ? `${row.end_date}T00:00:00.000Z` : null,
    source: row.source,
    medium: row.medium,
    budget: money(row.budget_micros, row.currency_code),
    totalClicks: Number(row.total_clicks),
    uniqueVisitors: Number(row.unique_visitors),
    revenue: money(row.revenue_micros, row.currency_code),
    trackflowId: row.id,
  };
}

export type LinkRow = {
  id: string;
  campaign_id: string | null;
  campaign_alive: boolean;
  short_code: string;
  title: string | null;
  destination_url: string;
  status: string;
  expiry_date: Date | null;
  click_count: string;
  unique_visitor_count: string;
  last_click: Date | null;
  domain: string | null;
  ssl_enabled: boolean | null;
  default_shortlink_domain: string | null;
};

export function linkRecord(row: LinkRow, publicBaseUrl: string): Record<string, unknown> {
  const shortUrl = shortUrlOf(shortUrlBase(row.domain ? { domain: row.domain, sslEnabled: row.ssl_enabled ?? true } : null, row.default_shortlink_domain, publicBaseUrl), row.short_code);
  const expired = row.status === 'ACTIVE' && row.expiry_date !== null && row.expiry_date.getTime() <= Date.now();
  return {
    id: row.id,
    name: row.title ?? row.short_code,
    shortCode: row.short_code,
    shortUrl: link(shortUrl),
    destinationUrl: link(row.destination_url),
    qrCode: link(`${shortUrl}/qr.png`),
    status: expired ? 'EXPIRED' : row.status,
    clickCount: Number(row.click_count),
    uniqueVisitorCount: Number(row.unique_visitor_count),
    lastClick: instant(row.last_click),
    trackflowId: row.id,
    campaignId: row.campaign_alive ? row.campaign_id : null,
  };
}

export type VariantRow = { id: string; tracked_link_id: string; variant_name: string; destination_url: string; weight: number; active: boolean; clicks: string };

export function variantRecord(row: VariantRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.variant_name,
    variantName: row.variant_name,
    destinationUrl: link(row.destination_url),
    weight: row.weight,
    active: row.active,
    clicks: Number(row.clicks),
    trackedLinkId: row.tracked_link_id,
  };
}

export type AttributionModelRow = { id: string; name: string; model_type: string; is_default: boolean; is_active: boolean; lookback_window_days: number | null };

/** The workspace's attribution models, so staff see in Twenty which model each deal's credit came from. */
export function attributionModelRecord(row: AttributionModelRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    modelType: row.model_type,
    isDefault: row.is_default,
    isActive: row.is_active,
    lookbackWindowDays: row.lookback_window_days,
    trackflowId: row.id,
  };
}

export type ConversionRow = {
  id: string;
  conversion_type: string;
  visitor_id: string | null;
  person_id: string | null;
  value_micros: string;
  currency_code: string;
  conversion_date: Date;
  tracked_link_id: string | null;
};

export function conversionRecord(row: ConversionRow): Record<string, unknown> {
  const type = row.conversion_type.toUpperCase();
  return {
    id: row.id,
    name: `${type.charAt(0)}${type.slice(1).toLowerCase().replace(/_/g, ' ')} ${row.conversion_date.toISOString().slice(0, 10)}`,
    conversionType: type,
    value: money(row.value_micros, row.currency_code),
    convertedAt: instant(row.conversion_date),
    visitorId: row.visitor_id,
    trackflowId: row.id,
    personId: row.person_id,
    trackedLinkId: row.tracked_link_id,
  };
}

export type DealAttributionRow = {
  id: string;
  opportunity_id: string;
  model_type: string;
  channel: string;
  touchpoint_source: string | null;
  touchpoint_medium: string | null;
  touchpoint_campaign: string | null;
  touchpoint_timestamp: Date;
  attribution_weight: number;
  attributed_value_micros: string;
  currency_code: string;
  position_in_journey: string;
  days_to_conversion: string;
  tracked_link_id: string | null;
  campaign_id: string | null;
};

export function dealAttributionRecord(row: DealAttributionRow): Record<string, unknown> {
  return {
    id: row.id,
    name: `${row.channel}${row.touchpoint_source ? ` / ${row.touchpoint_source}` : ''}`,
    channel: row.channel,
    touchpointSource: row.touchpoint_source,
    touchpointMedium: row.touchpoint_medium,
    touchpointCampaign: row.touchpoint_campaign,
    touchpointTimestamp: instant(row.touchpoint_timestamp),
    attributionWeight: row.attribution_weight,
    attributedValue: money(row.attributed_value_micros, row.currency_code),
    positionInJourney: row.position_in_journey.toUpperCase(),
    daysToConversion: Number(row.days_to_conversion),
    modelType: row.model_type,
    opportunityId: row.opportunity_id,
    campaignId: row.campaign_id,
    trackedLinkId: row.tracked_link_id,
  };
}
