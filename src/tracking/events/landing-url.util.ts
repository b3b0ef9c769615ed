const AD_CLICK_ID_PARAMETERS = ['gclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id'] as const;

/**
 * What a landing auto-tagged by an ad platform (its click id, no utm_source or utm_medium) counts
 * as, so that its visit is credited to the platform as GA4 credits a gclid. Facebook adds fbclid to
 * organic shares too, so it gives the source alone.
 */
const AUTO_TAGGED: Record<(typeof AD_CLICK_ID_PARAMETERS)[number], { source: string; medium: string | null }> = {
  gclid: { source: 'google', medium: 'cpc' },
  fbclid: { source: 'facebook', medium: null },
  msclkid: { source: 'bing', medium: 'cpc' },
  ttclid: { source: 'tiktok', medium: 'cpc' },
  li_fat_id: { source: 'linkedin', medium: 'cpc' },
};

interface LandingUtm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  campaignId: string | null;
  adsetId: string | null;
  adId: string | null;
  placement: string | null;
}

export interface LandingUrl {
  path: string;
  utm: LandingUtm;
  /** Only the ad click ids present, e.g. {gclid: "..."}. */
  adClickIds: Record<string, string>;
  /** Whether the URL carries any campaign parameter (a UTM or an ad click id): such a page view is a marketing touch. */
  isCampaignLanding: boolean;
}

const UTM_FIELDS: ReadonlyArray<readonly [keyof LandingUtm, string]> = [
  ['source', 'utm_source'],
  ['medium', 'utm_medium'],
  ['campaign', 'utm_campaign'],
  ['term', 'utm_term'],
  ['content', 'utm_content'],
  ['campaignId', 'utm_campaign_id'],
  ['adsetId', 'utm_adset_id'],
  ['adId', 'utm_ad_id'],
  ['placement', 'utm_placement'],
];

const MAX_VALUE = 500;
const NO_UTM: LandingUtm = Object.freeze({ source: null, medium: null, campaign: null, term: null, content: null, campaignId: null, adsetId: null, adId: null, placement: null });

/** The path of an absolute URL without a query: what follows the authority, up to a fragment. */
function pathOf(url: string): string {
  const afterScheme = url.indexOf('//') + 2;
  const slash = url.indexOf('/', afterScheme);
  if (slash === -1) return '/';
  const hash = url.indexOf('#', slash);
  return url.slice(slash, hash === -1 ? undefined : hash);
}

/** Campaign parameters of a page URL (validated by the collect parser, so it parses). */
export function parseLandingUrl(url: string): LandingUrl {
  // Most page views carry no query string; they need no URL parsing beyond their path.
  if (!url.includes('?')) return { path: pathOf(url), utm: NO_UTM, adClickIds: {}, isCampaignLanding: false };
  const parsed = new URL(url);
  const read = (name: string): string | null => {
    const value = parsed.searchParams.get(name)?.trim();
    return value ? value.slice(0, MAX_VALUE) : null;
  };
  const utm = Object.fromEntries(UTM_FIELDS.map(([field, parameter]) => [field, read(parameter)])) as unknown as LandingUtm;
  const adClickIds: Record<string, string> = {};
  for (const parameter of AD_CLICK_ID_PARAMETERS) {
    const value = read(parameter);
    if (value) adClickIds[parameter] = value;
  }
  const autoTaggedBy = AD_CLICK_ID_PARAMETERS.find((parameter) => adClickIds[parameter] !== undefined);
  if (autoTaggedBy && utm.source === null && utm.medium === null) Object.assign(utm, AUTO_TAGGED[autoTaggedBy]);
  const isCampaignLanding = Object.values(utm).some((value) => value !== null) || Object.keys(adClickIds).length > 0;
  return { path: parsed.pathname, utm, adClickIds, isCampaignLanding };
}
