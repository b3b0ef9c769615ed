import { Touchpoint } from 'src/attribution/engine/attribution.types';
import { referrerHost } from 'src/attribution/engine/channels/referrer-host.util';

export const DEFAULT_CHANNELS = [
  'Direct',
  'Organic Search',
  'Paid Search',
  'Email',
  'Organic Social',
  'Paid Social',
  'Referral',
  'Display',
  'Affiliate',
  'Other',
] as const;

export type DefaultChannel = (typeof DEFAULT_CHANNELS)[number];

interface SiteList {
  /** Matched against a bare utm_source ("google") or any label of a host but its last ("google.co.uk"). */
  names: readonly string[];
  /** Matched against the whole host or its subdomains, for names too short to match by label. */
  hosts: readonly string[];
}

// Deliberately short: the sites that bring most traffic. Anything else is a Referral, and a
// workspace that needs more names writes an Attribution Channel Rule.
const SEARCH_ENGINES: SiteList = {
  names: ['google', 'bing', 'yahoo', 'duckduckgo', 'baidu', 'yandex', 'ecosia', 'qwant', 'naver', 'startpage'],
  hosts: ['search.brave.com'],
};
const SOCIAL_SITES: SiteList = {
  names: ['facebook', 'fb', 'instagram', 'linkedin', 'twitter', 'youtube', 'tiktok', 'pinterest', 'reddit', 'snapchat', 'threads'],
  hosts: ['t.co', 'x.com', 'lnkd.in'],
};

const EMPTY_SOURCES = new Set(['', '(direct)', 'direct', '(none)', '(not set)']);
const EMPTY_MEDIUMS = new Set(['', '(none)', 'none', '(not set)']);
const PAID_MEDIUM = /cp[cmva]|ppc|paid|retargeting/;
const PAID_SEARCH_MEDIUMS = new Set(['cpc', 'ppc', 'paidsearch', 'paid-search', 'paid_search']);
const SOCIAL_MEDIUM = /social|^sm$/;
const DISPLAY_MEDIUMS = new Set(['display', 'banner', 'cpm', 'expandable', 'interstitial']);
const AFFILIATE_MEDIUMS = new Set(['affiliate', 'affiliates']);
const EMAIL = /^(e[-_ ]?mail|newsletter)s?$/;

/** Whether `name` is a whole label of `host` other than its last ("google" in "www.google.co.uk"). */
function hasInnerLabel(host: string, name: string): boolean {
  for (let at = host.indexOf(name); at !== -1; at = host.indexOf(name, at + 1)) {
    if ((at === 0 || host[at - 1] === '.') && host[at + name.length] === '.') return true;
  }
  return false;
}

function isSite(value: string, list: SiteList): boolean {
  if (value === '') return false;
  if (list.names.includes(value)) return true;
  if (list.hosts.some((host) => value === host || value.endsWith(`.${host}`))) return true;
  return list.names.some((name) => hasInnerLabel(value, name));
}

/**
 * A touch's channel when no Attribution Channel Rule matched, after Google Analytics' default
 * channel grouping, reduced to our ten channels. The checks run in this order, first match wins:
 * Direct (no source, medium nor referrer), Paid Social (paid medium and a social site or social
 * medium), Display, Paid Search (cpc/ppc/paidsearch, or a paid medium from a search engine),
 * Affiliate, Email, Organic Social, Organic Search, Referral (any other referrer), Other.
 */
export function defaultChannelGrouping(touch: Touchpoint): DefaultChannel {
  const rawSource = touch.source?.trim().toLowerCase() ?? '';
  const source = EMPTY_SOURCES.has(rawSource) ? '' : rawSource;
  const rawMedium = touch.medium?.trim().toLowerCase() ?? '';
  const medium = EMPTY_MEDIUMS.has(rawMedium) ? '' : rawMedium;
  const host = referrerHost(touch.referrer);
  if (source === '' && medium === '' && host === '') return 'Direct';

  const paid = PAID_MEDIUM.test(medium);
  const search = isSite(source, SEARCH_ENGINES) || isSite(host, SEARCH_ENGINES);
  const social = isSite(source, SOCIAL_SITES) || isSite(host, SOCIAL_SITES) || SOCIAL_MEDIUM.test(medium);
  if (paid && social) return 'Paid Social';
  if (DISPLAY_MEDIUMS.has(medium)) return 'Display';
  if (PAID_SEARCH_MEDIUMS.has(medium) || (paid && search)) return 'Paid Search';
  if (AFFILIATE_MEDIUMS.has(medium)) return 'Affiliate';
  if (EMAIL.test(medium) || EMAIL.test(source)) return 'Email';
  if (social) return 'Organic Social';
  if (medium === 'organic' || search) return 'Organic Search';
  if (medium === 'referral' || host !== '') return 'Referral';
  return 'Other';
}
