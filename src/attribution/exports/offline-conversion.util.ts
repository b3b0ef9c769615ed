import { createHash } from 'node:crypto';

export const AD_PLATFORMS = ['google-ads', 'meta', 'microsoft-ads', 'linkedin'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

/** The landing-page parameter each platform's click id arrives in (what tracking keeps as an ad click id). */
export const CLICK_ID_PARAMETER: Record<AdPlatform, string> = { 'google-ads': 'gclid', meta: 'fbclid', 'microsoft-ads': 'msclkid', linkedin: 'li_fat_id' };

/** One conversion to upload: a won deal (or a lead) and the platform click id its person came with. */
export interface OfflineConversionRow {
  /** TrackFlow's conversion id, for files that carry one of the advertiser's own. */
  conversionId: string;
  kind: 'deal' | 'lead';
  clickId: string;
  /** When the click id first reached the site: Meta's fbc carries it. */
  clickedAt: Date;
  convertedAt: Date;
  valueMicros: bigint;
  currencyCode: string;
  /** The person's address as the CRM holds it, asked for when the platform matches on it (PersonEmails); null without one. */
  email: string | null;
  /** The conversion action (Google), goal (Microsoft) or event the platform account defines. */
  conversionName: string;
}

/** The platforms whose files match people by their hashed address (Meta's `em`, LinkedIn's `email`). */
export const MATCHES_BY_EMAIL: Record<AdPlatform, boolean> = { 'google-ads': false, meta: true, 'microsoft-ads': false, linkedin: true };

/** The SHA-256 (lower-case hex) of an address trimmed and lower-cased, as Meta and LinkedIn match hashed addresses; '' without one. */
export function hashedEmail(email: string | null): string {
  const normalised = email?.trim().toLowerCase() ?? '';
  return normalised === '' ? '' : createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/**
 * The utm_source (or visit source) values that name each platform, lower case. A touch whose source
 * is one of them is the platform's; the credit a model gives those touches is the value uploaded.
 */
const PLATFORM_SOURCES: Record<AdPlatform, readonly string[]> = {
  'google-ads': ['google', 'googleads', 'google-ads', 'adwords'],
  meta: ['facebook', 'fb', 'instagram', 'ig', 'meta'],
  'microsoft-ads': ['bing', 'microsoft', 'microsoft-ads', 'msn'],
  linkedin: ['linkedin', 'lnkd.in'],
};

/** What a model credited the platform's touches of one conversion, in micros of the conversion's currency. */
export function platformCredit(platform: AdPlatform, credited: readonly { source: string | null; valueMicros: bigint }[]): bigint {
  const sources = PLATFORM_SOURCES[platform];
  return credited.reduce((sum, touch) => (touch.source !== null && sources.includes(touch.source.trim().toLowerCase()) ? sum + touch.valueMicros : sum), 0n);
}
