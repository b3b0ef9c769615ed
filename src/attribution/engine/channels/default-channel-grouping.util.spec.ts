import { Touchpoint } from 'src/attribution/engine/attribution.types';
import { DefaultChannel, defaultChannelGrouping } from 'src/attribution/engine/channels/default-channel-grouping.util';

const at = new Date('2025-01-01T00:00:00Z');

describe('defaultChannelGrouping', () => {
  it.each<[Omit<Touchpoint, 'at'>, DefaultChannel]>([
    [{}, 'Direct'],
    [{ source: '(direct)', medium: '(none)' }, 'Direct'],
    [{ source: '  ', medium: '', referrer: '' }, 'Direct'],
    [{ source: 'google', medium: 'cpc' }, 'Paid Search'],
    [{ source: 'Bing', medium: 'PPC' }, 'Paid Search'],
    [{ source: 'adwords-partner', medium: 'paidsearch' }, 'Paid Search'],
    [{ source: 'duckduckgo', medium: 'paid' }, 'Paid Search'],
    [{ source: 'facebook', medium: 'cpc' }, 'Paid Social'],
    [{ source: 'linkedin', medium: 'paid_social' }, 'Paid Social'],
    [{ source: 'partner', medium: 'paid-social' }, 'Paid Social'],
    [{ source: 'instagram', medium: 'cpm' }, 'Paid Social'],
    [{ source: 'google', medium: 'cpm' }, 'Display'],
    [{ source: 'gdn', medium: 'display' }, 'Display'],
    [{ source: 'adroll', medium: 'banner' }, 'Display'],
    [{ source: 'partner', medium: 'affiliate' }, 'Affiliate'],
    [{ source: 'mailchimp', medium: 'email' }, 'Email'],
    [{ source: 'crm', medium: 'E-Mail' }, 'Email'],
    [{ source: 'weekly', medium: 'newsletter' }, 'Email'],
    [{ source: 'newsletter' }, 'Email'],
    [{ source: 'google', medium: 'organic' }, 'Organic Search'],
    [{ referrer: 'https://www.google.co.uk/' }, 'Organic Search'],
    [{ referrer: 'https://search.brave.com/search?q=x' }, 'Organic Search'],
    [{ referrer: 'https://l.facebook.com/l.php?u=x' }, 'Organic Social'],
    [{ referrer: 'https://t.co/abc' }, 'Organic Social'],
    [{ source: 'mastodon', medium: 'social' }, 'Organic Social'],
    [{ source: 'facebook', medium: 'organic' }, 'Organic Social'],
    [{ referrer: 'https://news.ycombinator.com/item?id=1' }, 'Referral'],
    [{ referrer: 'blog.example.com/post' }, 'Referral'],
    [{ source: 'partner.example', medium: 'referral' }, 'Referral'],
    [{ source: 'podcast', medium: 'audio' }, 'Other'],
    [{ source: 'flyer' }, 'Other'],
  ])('%j → %s', (fields, channel) => {
    expect(defaultChannelGrouping({ at, ...fields })).toBe(channel);
  });
});
