import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { TestServer } from 'tests/support/test-server';

type LinkCounters = { trackedLink: { clickCount: number; uniqueVisitorCount: number; lastClick: string | null } };

/**
 * The README's promise, in a real browser: a marketer's short link on a page, a visitor clicking
 * it, landing on the site with the visitor and click ids, and the click counted once.
 */
describe('a short link clicked in headless Chromium', () => {
  let server: TestServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    // The marketer's page carrying the link, and the website the link leads to.
    site = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://site');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (url.pathname === '/newsletter') {
        response.end(`<!doctype html><title>Newsletter</title><a id="offer" href="${url.searchParams.get('link')}">Spring offer</a>`);
      } else {
        response.end(`<!doctype html><title>Landing</title><h1>Welcome</h1>`);
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.stop();
  });

  async function createLink(): Promise<{ id: string; shortCode: string }> {
    const created = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(
      key,
      `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { id shortCode } }`,
      { input: { destinationUrl: `${siteUrl}/landing?plan=pro`, source: 'newsletter', medium: 'email', content: 'spring offer' } },
    );
    return created.createTrackedLink;
  }

  async function counters(id: string): Promise<LinkCounters['trackedLink']> {
    await server.drainClicks();
    return (await server.ok<LinkCounters>(key, `query($id: ID!) { trackedLink(id: $id) { clickCount uniqueVisitorCount lastClick } }`, { id })).trackedLink;
  }

  it('lands on the destination with UTMs and ids, keeps the visitor in a cookie, and counts each click', async () => {
    const link = await createLink();
    const context = await browser.newContext({ userAgent: DESKTOP_CHROME_UA });
    try {
      const page = await context.newPage();
      const newsletter = `${siteUrl}/newsletter?link=${encodeURIComponent(`${server.url}/r/${link.shortCode}`)}`;
      await page.goto(newsletter);
      await Promise.all([page.waitForURL(/\/landing/), page.click('#offer')]);
      const first = new URL(page.url());
      expect(first.origin + first.pathname).toBe(`${siteUrl}/landing`);
      expect(first.searchParams.get('plan')).toBe('pro');
      expect(first.searchParams.get('utm_source')).toBe('newsletter');
      expect(first.searchParams.get('utm_medium')).toBe('email');
      expect(first.searchParams.get('utm_content')).toBe('spring offer');
      const visitorId = first.searchParams.get('tf_vid');
      expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await page.textContent('h1')).toBe('Welcome');

      const cookie = (await context.cookies(server.url)).find((candidate) => candidate.name === 'tf_vid');
      expect(cookie).toMatchObject({ value: visitorId, httpOnly: true, sameSite: 'Lax', secure: false });
      expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 86_400);

      await page.goto(newsletter);
      await Promise.all([page.waitForURL(/\/landing/), page.click('#offer')]);
      const second = new URL(page.url());
      expect(second.searchParams.get('tf_vid')).toBe(visitorId);
      expect(second.searchParams.get('tf_cid')).not.toBe(first.searchParams.get('tf_cid'));

      const counted = await counters(link.id);
      expect(counted).toMatchObject({ clickCount: 2, uniqueVisitorCount: 1 });
      expect(counted.lastClick).not.toBeNull();

      const clicks: { id: string; browser: string; device_type: string; is_bot: boolean; referrer: string }[] = await server.dataSource.query(
        `SELECT id, browser, device_type, is_bot, referrer FROM trackflow.click_event WHERE tracked_link_id = $1 ORDER BY click_timestamp`,
        [link.id],
      );
      expect(clicks.map((click) => click.id)).toEqual([first.searchParams.get('tf_cid'), second.searchParams.get('tf_cid')]);
      for (const click of clicks) {
        expect(click).toMatchObject({ browser: 'Chrome', device_type: 'desktop', is_bot: false });
        // Chromium's default policy sends only the origin of the page across origins.
        expect(click.referrer).toBe(`${siteUrl}/`);
      }
    } finally {
      await context.close();
    }
  });

  it('stores but does not count a click from Chromium announcing itself as headless', async () => {
    const link = await createLink();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      expect(await page.evaluate<string>('navigator.userAgent')).toContain('HeadlessChrome');
      await page.goto(`${server.url}/r/${link.shortCode}`);
      expect(new URL(page.url()).pathname).toBe('/landing');
      expect(await counters(link.id)).toMatchObject({ clickCount: 0, uniqueVisitorCount: 0, lastClick: null });
      const stored: { is_bot: boolean }[] = await server.dataSource.query(`SELECT is_bot FROM trackflow.click_event WHERE tracked_link_id = $1`, [link.id]);
      expect(stored).toEqual([{ is_bot: true }]);
    } finally {
      await context.close();
    }
  });
});
