import type { SettingField } from '../settings-draft';

const SETTINGS_FIELDS = `enableTracking autoGenerateShortCodes shortCodeLength defaultShortlinkDomain excludeInternalTraffic internalIpRanges { ipRange description }
  cookieExpiresDays anonymizeIpAddresses defaultAttributionModel attributionWindowDays dealWonStages dealJourneyScope leadStatusField cookieConsentRequired
  cookieConsentText privacyPolicyLink cookiePolicyLink respectDoNotTrack rateLimitPerHour logRequestBodies retentionClickEventDays retentionVisitorEventDays
  retentionVisitorSessionDays retentionVisitorDays retentionApiRequestLogDays retentionWebhookDeliveryDays`;

export const SETTINGS = `query Settings { settings { ${SETTINGS_FIELDS} } }`;
export const UPDATE_SETTINGS = `mutation UpdateSettings($input: UpdateSettingsInput!) { updateSettings(input: $input) { ${SETTINGS_FIELDS} } }`;
export const SETTINGS_CHANGES = `query SettingsChanges { settingsChanges(limit: 50) { changedAt field apiKeyId oldValue newValue } }`;

export interface SettingsChange {
  changedAt: string;
  field: string;
  apiKeyId: string | null;
  oldValue: string | null;
  newValue: string | null;
}

const RETENTION_HINT = 'Days; 0 keeps forever, empty follows the server default';

/** Every setting of the seed, grouped as staff look for them; each group saves on its own. */
export const SETTING_GROUPS: { id: string; title: string; fields: SettingField[] }[] = [
  {
    id: 'tracking',
    title: 'Tracking',
    fields: [
      { key: 'enableTracking', label: 'Tracking on', kind: 'switch' },
      { key: 'excludeInternalTraffic', label: 'Leave out internal traffic', kind: 'switch' },
      { key: 'internalIpRanges', label: 'Internal IP ranges', kind: 'ranges', hint: 'One a line: CIDR or address, then an optional description' },
      { key: 'cookieExpiresDays', label: 'Visitor cookie lifetime (days)', kind: 'whole' },
      { key: 'rateLimitPerHour', label: 'Requests an hour per key and address', kind: 'whole' },
      { key: 'logRequestBodies', label: 'Log request bodies (secrets redacted)', kind: 'switch' },
    ],
  },
  {
    id: 'links',
    title: 'Links and domains',
    fields: [
      { key: 'autoGenerateShortCodes', label: 'Generate short codes', kind: 'switch' },
      { key: 'shortCodeLength', label: 'Short code length', kind: 'whole' },
      { key: 'defaultShortlinkDomain', label: 'Default short-link domain', kind: 'text', hint: 'A domain name or a base URL such as https://go.example.com' },
    ],
  },
  {
    id: 'attribution',
    title: 'Attribution',
    fields: [
      { key: 'defaultAttributionModel', label: 'Default model', kind: 'readOnly', hint: 'Chosen under Attribution models' },
      { key: 'attributionWindowDays', label: 'Attribution window (days)', kind: 'whole' },
    ],
  },
  {
    id: 'crm',
    title: 'CRM',
    fields: [
      { key: 'dealWonStages', label: 'Won deal stages', kind: 'stages', hint: "Twenty's stage values, comma separated (CUSTOMER, CLOSED_WON)" },
      { key: 'dealJourneyScope', label: 'Deal journey', kind: 'choice', choices: ['contact', 'company'], hint: "contact: the deal's point of contact; company: every person of its company" },
      { key: 'leadStatusField', label: 'Lead status field', kind: 'text', hint: 'A camelCase person field of Twenty, logged as lead status changes' },
    ],
  },
  {
    id: 'privacy',
    title: 'Privacy and consent',
    fields: [
      { key: 'anonymizeIpAddresses', label: 'Anonymise IP addresses', kind: 'switch' },
      { key: 'cookieConsentRequired', label: 'Require cookie consent', kind: 'switch' },
      { key: 'respectDoNotTrack', label: 'Respect Do Not Track and GPC', kind: 'switch' },
      { key: 'cookieConsentText', label: 'Consent text', kind: 'longText', hint: 'Plain text, at most 2000 characters' },
      { key: 'privacyPolicyLink', label: 'Privacy policy link', kind: 'text' },
      { key: 'cookiePolicyLink', label: 'Cookie policy link', kind: 'text' },
    ],
  },
  {
    id: 'retention',
    title: 'Retention',
    fields: [
      { key: 'retentionClickEventDays', label: 'Clicks', kind: 'days', hint: RETENTION_HINT },
      { key: 'retentionVisitorEventDays', label: 'Tracker events', kind: 'days', hint: RETENTION_HINT },
      { key: 'retentionVisitorSessionDays', label: 'Sessions', kind: 'days', hint: RETENTION_HINT },
      { key: 'retentionVisitorDays', label: 'Inactive visitors', kind: 'days', hint: RETENTION_HINT },
      { key: 'retentionApiRequestLogDays', label: 'API request log', kind: 'days', hint: RETENTION_HINT },
      { key: 'retentionWebhookDeliveryDays', label: 'Webhook deliveries', kind: 'days', hint: RETENTION_HINT },
    ],
  },
];
