/**
 * The demo's visitors, made up but plausible and the same on every run (seeded): which campaign
 * links they click, from which browser and referrer, what they then do on the site, and who of
 * them becomes a lead or a deal.
 */

type DemoLink = { key: string; campaign: string; source: string; medium: string; path: string; variants?: string[] };

export const DEMO_CAMPAIGNS = [
  { key: 'newsletter', name: 'Autumn newsletter', source: 'newsletter', medium: 'email', budget: '300' },
  { key: 'search', name: 'Google Ads: CRM attribution', source: 'google', medium: 'cpc', budget: '2000', externalCampaignId: 'g-1001' },
  { key: 'social', name: 'LinkedIn launch', source: 'linkedin', medium: 'social', budget: '1200' },
] as const;

export const DEMO_LINKS: DemoLink[] = [
  { key: 'newsletter-pricing', campaign: 'newsletter', source: 'newsletter', medium: 'email', path: '/pricing' },
  { key: 'search-landing', campaign: 'search', source: 'google', medium: 'cpc', path: '/attribution', variants: ['Short form', 'Long form'] },
  { key: 'social-launch', campaign: 'social', source: 'linkedin', medium: 'social', path: '/launch' },
];

export const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
];
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const REFERRERS = ['https://mail.google.com/', 'https://www.google.com/search?q=crm+attribution', 'https://www.linkedin.com/feed/', null];
const PAGES = ['/', '/pricing', '/features', '/customers', '/docs'];

type DemoVisit = { link: string; referrer: string | null; pages: string[]; cta: boolean; form: boolean };
export type DemoVisitor = { index: number; userAgent: string; isBot: boolean; visits: DemoVisit[]; becomes: 'lead' | 'deal' | null; dealValue: number };

/** A small deterministic generator (mulberry32): the same demo on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoVisitors(count: number, seed = 7): DemoVisitor[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, index) => {
    const isBot = index % 12 === 11;
    const visits = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      link: pick(DEMO_LINKS).key,
      referrer: pick(REFERRERS),
      pages: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(PAGES)),
      cta: random() < 0.4,
      form: random() < 0.25,
    }));
    const roll = random();
    const becomes = isBot ? null : roll < 0.2 ? 'deal' : roll < 0.45 ? 'lead' : null;
    return { index, userAgent: isBot ? CRAWLER : pick(BROWSERS), isBot, visits, becomes, dealValue: 1000 * (2 + Math.floor(random() * 18)) };
  });
}
