/** The GraphQL TrackFlow answers today, and the shapes the screens read from it. */
import type { FilteredClicks } from './filtered-clicks';

export const CAMPAIGN_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'] as const;
export const CAMPAIGN_TYPES = ['EMAIL', 'SOCIAL', 'PAID_SEARCH', 'PAID_SOCIAL', 'DISPLAY', 'AFFILIATE', 'CONTENT', 'EVENT', 'PRINT', 'REFERRAL', 'OTHER'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export interface Campaign {
  id: string;
  name: string;
  campaignType: CampaignType;
  status: CampaignStatus;
  startDate: string | null;
  endDate: string | null;
  source: string | null;
  medium: string | null;
  description: string | null;
  budget: string | null;
  currencyCode: string;
  totalClicks: number;
  uniqueVisitors: number;
  conversions: number;
  revenue: string;
  /** Lifetime cost (ad spend, else budget) and ROI in percent as of the server's last metric refresh. */
  cost: string | null;
  roiPercentage: number | null;
  lastClick: string | null;
  filteredClicks: FilteredClicks;
}

const CAMPAIGN_FIELDS = 'id name campaignType status startDate endDate source medium description budget currencyCode totalClicks uniqueVisitors conversions revenue cost roiPercentage lastClick filteredClicks { bots internal }';
export const CAMPAIGNS = `query Campaigns { campaigns { ${CAMPAIGN_FIELDS} } }`;
export const CAMPAIGN = `query Campaign($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const CREATE_CAMPAIGN = `mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
export const UPDATE_CAMPAIGN = `mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;

/** The intervals the screens ask for (the server also knows HOUR). */
export type AnalyticsInterval = 'DAY' | 'WEEK';

export interface TrafficPoint {
  /** Calendar start of the day or week in the asked zone: 2026-11-03. */
  label: string;
  clicks: number;
  uniqueVisitors: number;
}

export interface CampaignAnalytics {
  interval: AnalyticsInterval;
  clicks: number;
  uniqueVisitors: number;
  series: TrafficPoint[];
}

export const CAMPAIGN_ANALYTICS = `query CampaignAnalytics($campaignId: ID!, $from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $timeZone: String) {
  campaignAnalytics(campaignId: $campaignId, from: $from, to: $to, interval: $interval, timeZone: $timeZone) { interval clicks uniqueVisitors series { label clicks uniqueVisitors } } }`;

export interface LinkVariant {
  id: string;
  variantName: string;
  destinationUrl: string;
  weight: number;
  active: boolean;
  clicks: number;
  conversions: number;
}

type LinkStatus = 'ACTIVE' | 'PAUSED' | 'EXPIRED' | 'ARCHIVED';

export interface TrackedLink {
  id: string;
  campaignId: string | null;
  shortCode: string;
  shortUrl: string;
  destinationUrl: string;
  title: string | null;
  status: LinkStatus;
  source: string | null;
  medium: string | null;
  content: string | null;
  clickCount: number;
  uniqueVisitorCount: number;
  conversionCount: number;
  lastClick: string | null;
  filteredClicks: FilteredClicks;
  variants: LinkVariant[];
}

const LINK_FIELDS = `id campaignId shortCode shortUrl destinationUrl title status source medium content clickCount uniqueVisitorCount conversionCount lastClick filteredClicks { bots internal }
  variants { id variantName destinationUrl weight active clicks conversions }`;
export const TRACKED_LINKS = `query TrackedLinks($campaignId: ID) { trackedLinks(campaignId: $campaignId) { ${LINK_FIELDS} } }`;
export const CREATE_TRACKED_LINK = `mutation CreateTrackedLink($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { ${LINK_FIELDS} } }`;
export const UPDATE_TRACKED_LINK = `mutation UpdateTrackedLink($id: ID!, $input: UpdateTrackedLinkInput!) { updateTrackedLink(id: $id, input: $input) { ${LINK_FIELDS} } }`;
export const CREATE_LINK_FROM_TEMPLATE = `mutation CreateLinkFromTemplate($templateId: ID!, $variables: JSON) { createLinkFromTemplate(templateId: $templateId, variables: $variables) { ${LINK_FIELDS} } }`;
export const CREATE_LINK_VARIANT = `mutation CreateLinkVariant($input: CreateLinkVariantInput!) { createLinkVariant(input: $input) { id } }`;
export const UPDATE_LINK_VARIANT = `mutation UpdateLinkVariant($id: ID!, $input: UpdateLinkVariantInput!) { updateLinkVariant(id: $id, input: $input) { id } }`;
export const DELETE_LINK_VARIANT = `mutation DeleteLinkVariant($id: ID!) { deleteLinkVariant(id: $id) }`;

interface TemplateVariable {
  variableName: string;
  variableType: 'TEXT' | 'NUMBER' | 'DATE' | 'URL' | 'SELECT';
  defaultValue: string | null;
  description: string | null;
  isRequired: boolean;
}

export interface LinkTemplate {
  id: string;
  templateName: string;
  urlTemplate: string;
  description: string | null;
  isActive: boolean;
  campaignId: string | null;
  variables: TemplateVariable[];
}

export const LINK_TEMPLATES = `query LinkTemplates { linkTemplates { id templateName urlTemplate description isActive campaignId variables { variableName variableType defaultValue description isRequired } } }`;

interface JourneyEvent {
  id: string;
  eventType: string;
  eventName: string | null;
  timestamp: string;
  path: string | null;
  pageUrl: string | null;
}

interface JourneySession {
  id: string;
  sessionStart: string;
  sessionEnd: string;
  pageViews: number;
  durationSeconds: number;
  entryPage: string | null;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  deviceType: string | null;
  events: JourneyEvent[];
}

interface JourneyClick {
  id: string;
  shortCode: string;
  clickTimestamp: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  isQr: boolean;
}

interface JourneyConversion {
  id: string;
  conversionType: string;
  value: string;
  currencyCode: string;
  convertedAt: string;
  opportunityId: string | null;
}

/** A deal's stage or a person's lead status moving on; `changedBy` is the Twenty workspace member, null for integrations. */
export interface StatusChange {
  from: string | null;
  to: string;
  changedAt: string;
  changedBy: string | null;
}

export interface PersonJourney {
  personId: string;
  visitors: { visitorId: string; firstSeen: string; lastSeen: string; deviceType: string | null; browser: string | null; sessions: JourneySession[]; clicks: JourneyClick[] }[];
  conversions: JourneyConversion[];
}

export const PERSON_JOURNEY = `query PersonJourney($personId: String!) { personJourney(personId: $personId) { personId
  visitors { visitorId firstSeen lastSeen deviceType browser
    sessions { id sessionStart sessionEnd pageViews durationSeconds entryPage source medium campaign deviceType events { id eventType eventName timestamp path pageUrl } }
    clicks { id shortCode clickTimestamp source medium campaign isQr } }
  conversions { id conversionType value currencyCode convertedAt opportunityId } }
  leadStatusHistory(personId: $personId) { from: fromStatus to: toStatus changedAt changedBy } }`;

export interface AttributionRow {
  touchpointIndex: number;
  touchpointType: string;
  touchpointTimestamp: string;
  touchpointSource: string | null;
  touchpointMedium: string | null;
  touchpointCampaign: string | null;
  channel: string;
  attributionWeight: number;
  attributedValue: string;
  positionInJourney: string;
}

export interface ModelAttribution {
  model: { id: string; name: string; modelType: string; isDefault: boolean };
  marketingInfluenced: boolean;
  fallback: string | null;
  rows: AttributionRow[];
}

export interface OpportunityAttribution {
  opportunityId: string;
  conversion: { id: string } | null;
  value: string;
  currencyCode: string;
  asOf: string;
  byModel: ModelAttribution[];
}

export interface DealLink {
  trackedLinkId: string;
  shortCode: string;
  campaignName: string | null;
  associationType: 'first_touch' | 'assist' | 'last_touch' | 'manual';
  attributionWeight: number | null;
}

export const OPPORTUNITY_ATTRIBUTION = `query OpportunityAttribution($opportunityId: String!) { opportunityAttribution(opportunityId: $opportunityId) {
  opportunityId conversion { id } value currencyCode asOf
  byModel { model { id name modelType isDefault } marketingInfluenced fallback
    rows { touchpointIndex touchpointType touchpointTimestamp touchpointSource touchpointMedium touchpointCampaign channel attributionWeight attributedValue positionInJourney } } }
  dealLinks(opportunityId: $opportunityId) { trackedLinkId shortCode campaignName associationType attributionWeight }
  dealStageHistory(opportunityId: $opportunityId) { from: fromStage to: toStage changedAt changedBy } }`;

export interface QueueStatus {
  name: string;
  isPaused: boolean;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  repeatable: { name: string; cron: string | null; everySeconds: number | null; nextRunAt: string | null }[];
  recentFailures: { id: string; name: string; failedReason: string | null; attemptsMade: number; finishedAt: string | null }[];
}

export const QUEUES = `query Queues { queues { name isPaused counts { waiting active delayed completed failed } repeatable { name cron everySeconds nextRunAt } recentFailures { id name failedReason attemptsMade finishedAt } } }`;

type TwentySyncCursor = { objectPlural: string; cursorUpdatedAt: string | null; lagSeconds: number | null; lastRunAt: string | null; lastError: string | null; recordsProcessed: number };
export type TwentySync = {
  connected: boolean;
  twentyUrl: string | null;
  lastDeliveryAt: string | null;
  backlog: number;
  intervalSeconds: number;
  cursors: TwentySyncCursor[];
  recentFailures: { eventName: string; recordId: string | null; receivedAt: string; error: string }[];
};
export const TWENTY_SYNC = `query TwentySync { twentySync { connected twentyUrl lastDeliveryAt backlog intervalSeconds cursors { objectPlural cursorUpdatedAt lagSeconds lastRunAt lastError recordsProcessed } recentFailures { eventName recordId receivedAt error } } }`;
