import { FieldManifest, ObjectManifest, SelectOption, STANDARD_OBJECTS, TwentyFieldType, TwentyTagColor } from './manifest.types';

/**
 * What TrackFlow adds to a Twenty workspace: the objects staff work with (mirrors of our tables)
 * and the trackflow* fields on people, opportunities and companies. Universal identifiers are
 * fixed forever: they are how an install recognises what an earlier one (or the app) created.
 */
const COLORS: TwentyTagColor[] = ['green', 'blue', 'orange', 'red', 'purple', 'gray', 'turquoise', 'yellow'];

function options(values: string[]): SelectOption[] {
  return values.map((value, position) => ({ value, label: value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' '), position, color: COLORS[position % COLORS.length] }));
}

type FieldSpec = [suffix: string, type: TwentyFieldType, name: string, label: string, extra?: Partial<FieldManifest>];

function object(id: string, nameSingular: string, namePlural: string, labelSingular: string, labelPlural: string, description: string, icon: string, fields: FieldSpec[]): ObjectManifest {
  const universalIdentifier = `a1f3c2d0-7e6b-4c5a-9d8e-${id}`;
  return {
    universalIdentifier,
    nameSingular,
    namePlural,
    labelSingular,
    labelPlural,
    description,
    icon,
    fields: fields.map(([suffix, type, name, label, extra]) => ({
      universalIdentifier: `b2e4d3c1-8f7a-4d6b-8e9f-${id.slice(-6)}${suffix}`,
      objectUniversalIdentifier: universalIdentifier,
      type,
      name,
      label,
      isNullable: true,
      ...(type === 'RELATION' ? { relationTargetFieldMetadataUniversalIdentifier: `e7a9c8b6-2d3e-4f1a-8b2c-${id.slice(-6)}${suffix}` } : {}),
      ...extra,
    })),
  };
}

export const CAMPAIGN = object('000000000001', 'trackflowCampaign', 'trackflowCampaigns', 'Campaign', 'Campaigns', 'A TrackFlow marketing campaign', 'IconSpeakerphone', [
  ['000001', 'SELECT', 'campaignType', 'Type', { options: options(['EMAIL', 'SOCIAL', 'PAID_SEARCH', 'PAID_SOCIAL', 'DISPLAY', 'AFFILIATE', 'CONTENT', 'EVENT', 'PRINT', 'REFERRAL', 'OTHER']) }],
  ['000002', 'SELECT', 'status', 'Status', { options: options(['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED']) }],
  ['000003', 'DATE_TIME', 'startDate', 'Start date'],
  ['000004', 'DATE_TIME', 'endDate', 'End date'],
  ['000005', 'TEXT', 'source', 'Source'],
  ['000006', 'TEXT', 'medium', 'Medium'],
  ['000007', 'CURRENCY', 'budget', 'Budget'],
  ['000008', 'NUMBER', 'totalClicks', 'Clicks'],
  ['000009', 'NUMBER', 'uniqueVisitors', 'Unique visitors'],
  ['000010', 'CURRENCY', 'revenue', 'Attributed revenue'],
  ['000011', 'TEXT', 'trackflowId', 'TrackFlow id', { description: 'The campaign id in TrackFlow' }],
]);

export const TRACKED_LINK = object('000000000002', 'trackflowLink', 'trackflowLinks', 'Tracked link', 'Tracked links', 'A TrackFlow short link', 'IconLink', [
  ['000001', 'TEXT', 'shortCode', 'Short code'],
  ['000002', 'LINKS', 'shortUrl', 'Short URL'],
  ['000003', 'LINKS', 'destinationUrl', 'Destination'],
  ['000004', 'SELECT', 'status', 'Status', { options: options(['ACTIVE', 'PAUSED', 'EXPIRED', 'ARCHIVED']) }],
  ['000005', 'NUMBER', 'clickCount', 'Clicks'],
  ['000006', 'NUMBER', 'uniqueVisitorCount', 'Unique visitors'],
  ['000007', 'DATE_TIME', 'lastClick', 'Last click'],
  ['000008', 'TEXT', 'trackflowId', 'TrackFlow id'],
  ['000009', 'RELATION', 'campaign', 'Campaign', { relationTargetObjectMetadataUniversalIdentifier: CAMPAIGN.universalIdentifier, inverseName: 'trackedLinks', inverseLabel: 'Tracked links' }],
  ['000010', 'LINKS', 'qrCode', 'QR code', { description: 'PNG of the QR code that opens the short URL' }],
]);

export const LINK_VARIANT = object('000000000003', 'trackflowLinkVariant', 'trackflowLinkVariants', 'Link variant', 'Link variants', 'An A/B destination of a tracked link', 'IconArrowsSplit', [
  ['000001', 'TEXT', 'variantName', 'Variant'],
  ['000002', 'LINKS', 'destinationUrl', 'Destination'],
  ['000003', 'NUMBER', 'weight', 'Weight'],
  ['000004', 'BOOLEAN', 'active', 'Active'],
  ['000005', 'NUMBER', 'clicks', 'Clicks'],
  ['000006', 'RELATION', 'trackedLink', 'Tracked link', { relationTargetObjectMetadataUniversalIdentifier: TRACKED_LINK.universalIdentifier, inverseName: 'variants', inverseLabel: 'Variants' }],
]);

export const ATTRIBUTION_MODEL = object('000000000004', 'trackflowAttributionModel', 'trackflowAttributionModels', 'Attribution model', 'Attribution models', 'How TrackFlow credits touches', 'IconChartPie', [
  ['000001', 'SELECT', 'modelType', 'Model', { options: options(['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY', 'U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE']) }],
  ['000002', 'BOOLEAN', 'isDefault', 'Default'],
  ['000003', 'BOOLEAN', 'isActive', 'Active'],
  ['000004', 'NUMBER', 'lookbackWindowDays', 'Lookback window (days)'],
  ['000005', 'TEXT', 'trackflowId', 'TrackFlow id'],
]);

export const CONVERSION = object('000000000005', 'trackflowConversion', 'trackflowConversions', 'Conversion', 'Conversions', 'A lead, deal or goal credited by TrackFlow', 'IconTargetArrow', [
  ['000001', 'SELECT', 'conversionType', 'Type', { options: options(['LEAD', 'DEAL', 'SIGNUP', 'PURCHASE', 'FORM_SUBMISSION', 'GOAL', 'OTHER']) }],
  ['000002', 'CURRENCY', 'value', 'Value'],
  ['000003', 'DATE_TIME', 'convertedAt', 'Converted at'],
  ['000004', 'TEXT', 'visitorId', 'Visitor id'],
  ['000005', 'TEXT', 'trackflowId', 'TrackFlow id'],
  ['000006', 'RELATION', 'person', 'Person', { relationTargetObjectMetadataUniversalIdentifier: STANDARD_OBJECTS.person, inverseName: 'trackflowConversions', inverseLabel: 'TrackFlow conversions' }],
  ['000007', 'RELATION', 'trackedLink', 'Tracked link', { relationTargetObjectMetadataUniversalIdentifier: TRACKED_LINK.universalIdentifier, inverseName: 'conversions', inverseLabel: 'Conversions' }],
]);

export const DEAL_ATTRIBUTION = object('000000000006', 'trackflowDealAttribution', 'trackflowDealAttributions', 'Deal attribution', 'Deal attributions', 'The credit one touch earned for a deal under one model', 'IconCoins', [
  ['000001', 'TEXT', 'channel', 'Channel'],
  ['000002', 'TEXT', 'touchpointSource', 'Source'],
  ['000003', 'TEXT', 'touchpointMedium', 'Medium'],
  ['000004', 'TEXT', 'touchpointCampaign', 'UTM campaign'],
  ['000005', 'DATE_TIME', 'touchpointTimestamp', 'Touched at'],
  ['000006', 'NUMBER', 'attributionWeight', 'Weight', { description: 'Share of the deal, 0 to 1' }],
  ['000007', 'CURRENCY', 'attributedValue', 'Attributed value'],
  ['000008', 'SELECT', 'positionInJourney', 'Position', { options: options(['FIRST', 'MIDDLE', 'LAST', 'ONLY']) }],
  ['000009', 'NUMBER', 'daysToConversion', 'Days to conversion'],
  ['000010', 'SELECT', 'modelType', 'Model', { options: options(['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'CUSTOM', 'MARKOV', 'SHAPLEY', 'U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE']) }],
  ['000011', 'RELATION', 'opportunity', 'Opportunity', { relationTargetObjectMetadataUniversalIdentifier: STANDARD_OBJECTS.opportunity, inverseName: 'trackflowAttributions', inverseLabel: 'TrackFlow attributions' }],
  ['000012', 'RELATION', 'campaign', 'Campaign', { relationTargetObjectMetadataUniversalIdentifier: CAMPAIGN.universalIdentifier, inverseName: 'dealAttributions', inverseLabel: 'Deal attributions' }],
  ['000013', 'RELATION', 'trackedLink', 'Tracked link', { relationTargetObjectMetadataUniversalIdentifier: TRACKED_LINK.universalIdentifier, inverseName: 'dealAttributions', inverseLabel: 'Deal attributions' }],
]);

export const TRACKFLOW_OBJECTS: readonly ObjectManifest[] = [CAMPAIGN, TRACKED_LINK, LINK_VARIANT, ATTRIBUTION_MODEL, CONVERSION, DEAL_ATTRIBUTION];

function standardField(object: keyof typeof STANDARD_OBJECTS, suffix: string, type: TwentyFieldType, name: string, label: string): FieldManifest {
  return { universalIdentifier: `c3f5e4d2-9a8b-4e7c-9fa0-${suffix}`, objectUniversalIdentifier: STANDARD_OBJECTS[object], type, name, label, isNullable: true };
}

/** The trackflow* fields on Twenty's own objects (DESIGN.md, Names). */
export const TRACKFLOW_STANDARD_FIELDS: readonly FieldManifest[] = [
  standardField('person', '000000000001', 'TEXT', 'trackflowVisitorId', 'TrackFlow visitor id'),
  standardField('person', '000000000002', 'TEXT', 'trackflowSource', 'First-touch source'),
  standardField('person', '000000000003', 'TEXT', 'trackflowMedium', 'First-touch medium'),
  standardField('person', '000000000004', 'TEXT', 'trackflowCampaign', 'First-touch campaign'),
  standardField('person', '000000000005', 'DATE_TIME', 'trackflowFirstTouchDate', 'First touch'),
  standardField('person', '000000000006', 'DATE_TIME', 'trackflowLastTouchDate', 'Last touch'),
  standardField('person', '000000000007', 'NUMBER', 'trackflowTouchCount', 'Marketing touches'),
  standardField('opportunity', '000000000101', 'TEXT', 'trackflowAttributionModel', 'Attribution model'),
  standardField('opportunity', '000000000102', 'TEXT', 'trackflowFirstTouchSource', 'First-touch source'),
  standardField('opportunity', '000000000103', 'TEXT', 'trackflowLastTouchSource', 'Last-touch source'),
  standardField('opportunity', '000000000104', 'BOOLEAN', 'trackflowMarketingInfluenced', 'Marketing influenced'),
  standardField('company', '000000000201', 'TEXT', 'trackflowFirstTouchSource', 'First-touch source'),
  standardField('company', '000000000202', 'CURRENCY', 'trackflowInfluencedRevenue', 'Marketing-influenced revenue'),
];

/** Frappe CRM's lead statuses, which the original app's lead status log tracked. */
export const LEAD_STATUSES = ['NEW', 'CONTACTED', 'NURTURE', 'QUALIFIED', 'UNQUALIFIED', 'JUNK'];

/**
 * The person field whose changes the lead hook logs, named by the workspace's settings
 * (leadStatusField, default leadStatus): created by twenty:install when Twenty has none. Not part
 * of the app's data model, as its name is each workspace's own.
 */
export function leadStatusField(name: string): FieldManifest {
  return { ...standardField('person', '000000000008', 'SELECT', name, 'Lead status'), options: options(LEAD_STATUSES) };
}
