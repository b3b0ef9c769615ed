import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { TestServer } from 'tests/support/test-server';
import { waitFor } from 'tests/support/waiting';

type StoredClick = { visitor_id: string | null; ip_address: string | null; user_agent: string | null };

/**
 * Consent and Do Not Track in a real browser, with the hosts of a real install: the site on
 * www.shop.test, TrackFlow (short links and trackflow.js) on go.shop.test, a newsletter elsewhere.
 */
describe('consent and Do Not Track on short links in headless Chromium', () => {
  let server: TestServer;
  let site: Server;
  let browser: Browser;
  let key: string;
  let workspaceId: string;
  let publicKey: string;
  let trackflowOrigin: string;
  let siteOrigin: string;
  let newsletterOrigin: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    trackflowOrigin = `http://go.shop.test:${new URL(server.url).port}`;
    site = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://site');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (url.pathname === '/newsletter') {
        response.end(`<!doctype html><title>Newsletter</title><a id="offer" href="${url.searchParams.get('link')}">Spring offer</a>`);
      } else {
        response.end(`<!doctype html><html><head><title>Landing</title>
          <script async src="${trackflowOrigin}/trackflow.js" data-workspace="${publicKey}" data-consent-banner></script></head>
          <body><h1>Welcome</h1></body></html>`);
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const sitePort = (site.address() as AddressInfo).port;
    siteOrigin = `http://www.shop.test:${sitePort}`;
    newsletterOrigin = `http://mail.example.test:${sitePort}`;
    publicKey = (
      await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation($domains: [String!]) { updateWorkspace(input: {siteDomains: $domains}) { publicKey } }`, {
        domains: [`www.shop.test:${sitePort}`],
      })
    ).updateWorkspace.publicKey;
    await server.ok(key, `mutation { updateSettings(input: {cookieConsentText: "May we count your visits?", privacyPolicyLink: "https://shop.test/privacy"}) { cookieConsentText } }`);
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA, hostResolverRules: 'MAP *.test 127.0.0.1' });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.stop();
  });

  async function settle(input: { cookieConsentRequired: boolean; respectDoNotTrack: boolean }): Promise<void> {
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { enableTracking } }`, { input });
  }

  async function createLink(): Promise<{ id: string; shortCode: string }> {
    return (
      await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(key, `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`, {
        input: { destinationUrl: `${siteOrigin}/landing`, source: 'newsletter', medium: 'email' },
      })
    ).createTrackedLink;
  }

  /** From the newsletter to the landing page, through the short link; answers the landing URL as the redirect sent it (trackflow.js tidies it away soon after). */
  async function follow(page: Page, shortCode: string): Promise<URL> {
    await page.goto(`${newsletterOrigin}/newsletter?link=${encodeURIComponent(`${trackflowOrigin}/r/${shortCode}`)}`);
    const [landing] = await Promise.all([page.waitForRequest((request) => request.isNavigationRequest() && new URL(request.url()).pathname === '/landing'), page.click('#offer')]);
    await page.waitForURL(/\/landing/);
    return new URL(landing.url());
  }

  async function clicks(linkId: string): Promise<StoredClick[]> {
    await server.drainClicks();
    return server.dataSource.query(`SELECT visitor_id, ip_address, user_agent FROM trackflow.click_event WHERE workspace_id = $1 AND tracked_link_id = $2 ORDER BY click_timestamp`, [workspaceId, linkId]);
  }

  const cookieNames = async (context: BrowserContext, origin: string) => (await context.cookies(origin)).map((cookie) => cookie.name);

  it('counts a click anonymously before consent, and after consent on the site tracks the next one as the same visitor', async () => {
    await settle({ cookieConsentRequired: true, respectDoNotTrack: false });
    const link = await createLink();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const first = await follow(page, link.shortCode);
      expect(first.searchParams.has('tf_vid')).toBe(false);
      expect(first.searchParams.has('tf_cid')).toBe(false);
      expect(first.searchParams.get('utm_source')).toBe('newsletter');
      expect(await cookieNames(context, trackflowOrigin)).toEqual([]);
      expect(await clicks(link.id)).toEqual([{ visitor_id: null, ip_address: null, user_agent: null }]);

      // The banner: a labelled dialog with the workspace's text and policy link, answered from the keyboard.
      const banner = page.getByRole('dialog', { name: 'Cookie consent' });
      await banner.waitFor();
      expect(await banner.getByText('May we count your visits?').count()).toBe(1);
      expect(await banner.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('https://shop.test/privacy');
      expect(await cookieNames(context, siteOrigin)).toEqual([]);
      await banner.getByRole('button', { name: 'Accept' }).focus();
      await page.keyboard.press('Enter');
      await banner.waitFor({ state: 'detached' });

      const consentCookie = `tf_consent_${workspaceId}`;
      await waitFor(async () => ((await cookieNames(context, trackflowOrigin)).includes(consentCookie) ? true : undefined), 5000, 'the consent cookie on the short-link host');
      expect((await cookieNames(context, trackflowOrigin)).sort()).toEqual([consentCookie, 'tf_vid']);
      const siteVisitor = (await context.cookies(siteOrigin)).find((cookie) => cookie.name === 'tf_vid')?.value;
      expect(siteVisitor).toBeDefined();
      expect((await context.cookies(trackflowOrigin)).find((cookie) => cookie.name === 'tf_vid')?.value).toBe(siteVisitor);

      const second = await follow(page, link.shortCode);
      expect(second.searchParams.get('tf_vid')).toBe(siteVisitor);
      const [, tracked] = await clicks(link.id);
      expect(tracked.visitor_id).toBe(siteVisitor);
      expect(tracked.ip_address).not.toBeNull();
      expect(tracked.user_agent).toBe(DESKTOP_CHROME_UA);
      // The site remembers the answer: no banner on the second landing.
      await page.waitForTimeout(500);
      expect(await page.getByRole('dialog').count()).toBe(0);
      await server.drainEvents();
      const [visitor] = await server.dataSource.query(`SELECT click_count, page_views FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, siteVisitor]);
      expect(visitor).toMatchObject({ click_count: 1 });
      expect(Number(visitor.page_views)).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it.each([
    ['Do Not Track', { DNT: '1' }],
    ['Global Privacy Control', { 'Sec-GPC': '1' }],
  ])('counts a visitor sending %s anonymously, and the tracker sends nothing', async (_name, signal) => {
    await settle({ cookieConsentRequired: false, respectDoNotTrack: true });
    const link = await createLink();
    for (const headers of [signal, {}]) {
      const context = await browser.newContext({ extraHTTPHeaders: headers });
      try {
        const page = await context.newPage();
        const collected: string[] = [];
        page.on('request', (request) => {
          if (request.url().includes('/api/collect') && request.method() === 'POST') collected.push(request.url());
        });
        const landing = await follow(page, link.shortCode);
        await page.waitForTimeout(1500);
        const private_ = headers === signal;
        expect(landing.searchParams.has('tf_vid')).toBe(!private_);
        expect((await cookieNames(context, trackflowOrigin)).includes('tf_vid')).toBe(!private_);
        expect(collected.length > 0).toBe(!private_);
      } finally {
        await context.close();
      }
    }
    const [quiet, tracked] = await clicks(link.id);
    expect(quiet).toEqual({ visitor_id: null, ip_address: null, user_agent: null });
    expect(tracked.visitor_id).not.toBeNull();
  });
});
