import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { TestServer } from 'tests/support/test-server';
import { waitFor } from 'tests/support/waiting';

/**
 * The tracker on a real site in headless Chromium: a visitor arrives through a short link,
 * navigates as a single-page app, scrolls, clicks a CTA and submits a lead form.
 */
describe('trackflow.js in headless Chromium', () => {
  let server: TestServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let key: string;
  let workspaceId: string;
  let publicKey: string;
  const leadPosts: string[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    site = createServer((request, response) => {
      if (request.method === 'POST') {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          leadPosts.push(Buffer.concat(chunks).toString());
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end('<!doctype html><title>Thanks</title><p>Thanks!</p>');
        });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><title>Shop</title>
        <script>window.trackflow = window.trackflow || function () { (trackflow.q = trackflow.q || []).push(arguments) }; trackflow('event', 'queued_before_load', {plan: 'pro'});</script>
        <script async src="${server.url}/trackflow.js" data-workspace="${publicKey}"></script></head>
        <body style="height: 4000px">
          <button id="pricing" onclick="history.pushState({}, '', '/pricing')">Pricing</button>
          <a id="demo" href="#" data-trackflow-cta="Book a demo">Book a demo</a>
          <form id="lead" data-trackflow-form method="post" action="/thanks"><input name="email" id="email"><button id="send">Send</button></form>
        </body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    publicKey = (
      await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation($domains: [String!]) { updateWorkspace(input: {siteDomains: $domains}) { publicKey } }`, {
        domains: [new URL(siteUrl).host],
      })
    ).updateWorkspace.publicKey;
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.stop();
  });

  async function eventsOf(visitorId: string, expectedTypes: string[]): Promise<{ event_type: string; event_name: string | null; path: string; scroll_pct: string | null }[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await server.drainEvents();
      const rows: { event_type: string; event_name: string | null; path: string; scroll_pct: string | null }[] = await server.dataSource.query(
        `SELECT event_type, event_name, path, scroll_pct FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2 ORDER BY "timestamp", event_type`,
        [workspaceId, visitorId],
      );
      if (expectedTypes.every((type) => rows.some((row) => row.event_type === type)) || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('follows the visitor from the short link to the lead form', async () => {
    const link = (
      await server.ok<{ createTrackedLink: { shortCode: string } }>(key, `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { shortCode } }`, {
        input: { destinationUrl: `${siteUrl}/landing`, source: 'newsletter', medium: 'email', utmCampaign: 'spring' },
      })
    ).createTrackedLink;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The landing URL as the redirect sent it: the tracker may already have tidied the address bar.
      const landing = await page.goto(`${server.url}/r/${link.shortCode}`);
      const landed = new URL(landing?.url() ?? '');
      const visitorId = landed.searchParams.get('tf_vid') as string;
      expect(visitorId).toBeTruthy();
      // The tracker takes the ids out of the address bar once it has them.
      await page.waitForFunction(`!location.search.includes('tf_vid')`);
      expect(new URL(page.url()).searchParams.get('utm_source')).toBe('newsletter');
      expect(await page.inputValue('input[name="trackflow_visitor_id"]')).toBe(visitorId);

      await page.click('#pricing');
      await page.evaluate('window.scrollTo(0, 3000)');
      await page.click('#demo');
      await page.fill('#email', 'ann@example.com');
      await Promise.all([page.waitForURL(/\/thanks$/), page.click('#send')]);
      expect(leadPosts.pop()).toContain(`trackflow_visitor_id=${visitorId}`);

      const events = await eventsOf(visitorId, ['pageview', 'event', 'cta', 'form_start', 'form_submit', 'engagement']);
      expect(events.filter((event) => event.event_type === 'pageview').map((event) => event.path)).toEqual(['/landing', '/pricing']);
      expect(events.find((event) => event.event_type === 'event')?.event_name).toBe('queued_before_load');
      expect(events.find((event) => event.event_type === 'cta')?.event_name).toBe('Book a demo');
      expect(events.filter((event) => event.event_type === 'form_submit').map((event) => event.event_name)).toEqual(['lead']);
      expect(Math.max(...events.map((event) => Number(event.scroll_pct ?? 0)))).toBeGreaterThanOrEqual(90);
      // Leaving for the thank-you page hides the page, then unloads it: its visible time is sent once.
      expect(events.filter((event) => event.event_type === 'engagement')).toHaveLength(1);

      await server.drainClicks();
      const [visitor] = await server.dataSource.query(
        `SELECT source, medium, campaign, click_count, page_views, browser FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`,
        [workspaceId, visitorId],
      );
      expect(visitor).toEqual({ source: 'newsletter', medium: 'email', campaign: 'spring', click_count: 1, page_views: 2, browser: 'Chrome' });
      // The click opened the session and the page views on the site continued it.
      const sessions = await server.dataSource.query(`SELECT click_count, page_views, is_bounce FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId]);
      expect(sessions).toEqual([{ click_count: 1, page_views: 2, is_bounce: false }]);
    } finally {
      await context.close();
    }
  });

  it('sends nothing and stores nothing on the device before consent when the workspace requires it', async () => {
    await server.dataSource.query(`UPDATE trackflow.trackflow_settings SET cookie_consent_required = true WHERE workspace_id = $1`, [workspaceId]);
    const { SettingsService } = await import('src/settings/settings.service');
    await server.get(SettingsService).update(workspaceId, {});
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const collected: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/collect') && request.method() === 'POST') collected.push(request.postData() ?? '');
      });
      await page.goto(`${siteUrl}/consent-page`);
      await page.waitForFunction(`typeof window.trackflow === 'function' && !('q' in window.trackflow)`);
      await page.click('#demo');
      await page.waitForTimeout(1500);
      expect(collected).toEqual([]);
      expect((await context.cookies(siteUrl)).map((cookie) => cookie.name)).not.toContain('tf_vid');

      await page.evaluate(`trackflow('consent', true)`);
      await page.waitForTimeout(300);
      expect(collected.length).toBeGreaterThan(0);
      expect((await context.cookies(siteUrl)).map((cookie) => cookie.name)).toContain('tf_vid');
    } finally {
      await context.close();
      await server.dataSource.query(`UPDATE trackflow.trackflow_settings SET cookie_consent_required = false WHERE workspace_id = $1`, [workspaceId]);
      const { SettingsService } = await import('src/settings/settings.service');
      await server.get(SettingsService).update(workspaceId, {});
    }
  });

  it('sends a batch again with the next one when the server could not make it durable, and it is stored once', async () => {
    const context = await browser.newContext();
    try {
      const sentEventIds: string[][] = [];
      // The server takes the first two batches, but the tracker is told 503, as when no Redis replica confirmed the job.
      await context.route(`${server.url}/api/collect`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        sentEventIds.push((JSON.parse(route.request().postData() ?? '{}') as { events: { id: string }[] }).events.map((event) => event.id));
        const response = await route.fetch();
        await route.fulfill({ response, ...(sentEventIds.length <= 2 ? { status: 503, body: '{"error":"the batch could not be made durable"}' } : {}) });
      });
      const page = await context.newPage();
      await page.goto(`${siteUrl}/retried`);
      for (const [sends, next] of [[1, 'pricing_viewed'], [2, 'demo_booked']] as const) {
        await waitFor(async () => sentEventIds.length >= sends || undefined, 15_000, `send ${sends}`);
        await page.evaluate(`trackflow('event', '${next}')`);
      }
      await waitFor(async () => sentEventIds.length >= 3 || undefined, 15_000, 'send 3');
      // The refused batch goes again, first, with each newer event.
      expect(sentEventIds[1].slice(0, sentEventIds[0].length)).toEqual(sentEventIds[0]);
      expect(sentEventIds[2].slice(0, sentEventIds[1].length)).toEqual(sentEventIds[1]);
      expect(sentEventIds[2]).toHaveLength(sentEventIds[0].length + 2);
      const visitorId = (await context.cookies(siteUrl)).find((cookie) => cookie.name === 'tf_vid')?.value as string;
      const stored = await waitFor(async () => {
        const events = (await eventsOf(visitorId, ['pageview'])).map((event) => `${event.event_type} ${event.event_name ?? event.path}`);
        return events.length >= 4 ? events : undefined;
      }, 15_000, 'the last batch to be stored');
      expect(stored.sort()).toEqual(['event demo_booked', 'event pricing_viewed', 'event queued_before_load', 'pageview /retried']);
    } finally {
      await context.close();
    }
  });
});
