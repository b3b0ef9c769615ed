import { parseLandingUrl } from 'src/tracking/events/landing-url.util';

describe('parseLandingUrl', () => {
  it('reads UTMs, the seed ad fields and ad click ids', () => {
    const landing = parseLandingUrl('https://shop.example.com/p/1?utm_source=google&utm_medium=cpc&utm_campaign=Spring%20Sale&utm_campaign_id=123&utm_ad_id=9&gclid=abc&x=1');
    expect(landing).toEqual({
      path: '/p/1',
      utm: { source: 'google', medium: 'cpc', campaign: 'Spring Sale', term: null, content: null, campaignId: '123', adsetId: null, adId: '9', placement: null },
      adClickIds: { gclid: 'abc' },
      isCampaignLanding: true,
    });
  });

  it('gives the path of URLs without a query the same way URL does', () => {
    for (const url of ['https://a.example', 'https://a.example/', 'https://a.example/docs/start', 'https://a.example/p#section', 'http://a.example:8080/x/y/']) {
      expect(parseLandingUrl(url).path).toBe(new URL(url).pathname);
    }
    expect(parseLandingUrl('https://a.example/p').isCampaignLanding).toBe(false);
  });

  it('treats an ad click id alone as a campaign landing and a plain URL as none', () => {
    expect(parseLandingUrl('https://a.example/?fbclid=xyz').isCampaignLanding).toBe(true);
    expect(parseLandingUrl('https://a.example/about?utm_source=').isCampaignLanding).toBe(false);
  });

  it("counts a landing an ad platform auto-tagged as the platform's traffic, and leaves UTMs the site set alone", () => {
    expect(parseLandingUrl('https://a.example/?gclid=abc').utm).toMatchObject({ source: 'google', medium: 'cpc', campaign: null });
    expect(parseLandingUrl('https://a.example/?msclkid=m1&utm_campaign=spring').utm).toMatchObject({ source: 'bing', medium: 'cpc', campaign: 'spring' });
    expect(parseLandingUrl('https://a.example/?fbclid=f1').utm).toMatchObject({ source: 'facebook', medium: null });
    expect(parseLandingUrl('https://a.example/?li_fat_id=l1').utm).toMatchObject({ source: 'linkedin', medium: 'cpc' });
    expect(parseLandingUrl('https://a.example/?gclid=abc&utm_medium=display').utm).toMatchObject({ source: null, medium: 'display' });
    expect(parseLandingUrl('https://a.example/?utm_source=newsletter&gclid=abc').utm).toMatchObject({ source: 'newsletter', medium: null });
  });
});
