import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { signInToDashboard } from 'tests/support/dashboard-session';
import { checkScreen } from 'tests/support/screen-check';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

/**
 * The admin screens that carry data in /app, in real headless Chromium against a running server:
 * an ad spend export bigger than one request imported in day-whole parts with a bad line named by
 * its file line, link templates and a link made from one, domains, and a person's data exported
 * and erased. Every screen is checked at desktop, side-panel and phone width.
 */
describe('the admin data screens at /app', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let key: string;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key } = await server.createKey());
    // Short URLs must point at this very server for the Links screen's QR previews.
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { defaultShortlinkDomain } }`, { input: { defaultShortlinkDomain: server.url } });
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    // checkScreen injects axe-core as a script, which the dashboard's Content Security Policy would refuse.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    await signInToDashboard(page, server.url, key, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const toast = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const openAdmin = async (section: string) => {
    await page.goto(`${server.url}/app#/admin/${section}`);
    await page.getByRole('navigation', { name: 'Admin' }).waitFor();
  };

  it('imports an export larger than one request in whole days, names its bad line, and shows the spend in the performance table', async () => {
    await openAdmin('ad-spend');
    await page.getByText('No spend or ad landings on these days').waitFor();
    expect(await checkScreen(page, 'admin-ad-spend-empty')).toEqual([]);

    // 400 ads over 5 days, the days interleaved as an ad-level export lists them: about 120 KB, so more than one request.
    const days = ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04', '2026-09-05'];
    const lines = ['Day,Campaign ID,Campaign name,Ad ID,Ad name,Impressions,Link clicks,Amount spent,Currency'];
    for (let ad = 1; ad <= 400; ad += 1) for (const day of days) lines.push(`${day},c1,Autumn sale,ad${ad},Red coat number ${ad},1000,40,1.50,EUR`);
    const badLine = 1234;
    lines[badLine - 1] = lines[badLine - 1].replace(',1.50,', ',abc,');
    const form = page.getByRole('form', { name: 'Import ad spend' });
    await form.getByLabel('Platform').fill('facebook');
    await form.getByRole('button', { name: 'Import' }).click();
    expect(await form.locator('.tf-field-error').textContent()).toBe('CSV file: choose the export to import');
    await form.getByLabel('CSV file').setInputFiles({ name: 'meta-export.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    expect(Buffer.byteLength(lines.join('\n'))).toBeGreaterThan(100_000);
    await form.getByRole('button', { name: 'Import' }).click();
    await toast('1,999 rows of facebook imported');
    const left = page.getByRole('table', { name: '1 line left out' });
    expect(await left.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)))).toEqual([
      [`line ${badLine}`, 'spend: must be a decimal amount with at most 13 integer digits and 6 decimals, e.g. 1500.50'],
    ]);
    const table = page.getByRole('table', { name: 'Spend, landings and conversions per platform campaign, ad set or ad' });
    const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Autumn sale/ }) });
    expect(await row.locator('[data-label=Spend]').textContent()).toMatch(/^€2,998\.50$/);
    expect(await row.locator('[data-label=Impressions]').textContent()).toBe('1,999,000');
    expect(await page.getByLabel('First day').inputValue()).toBe('2026-09-01');
    expect(await page.getByLabel('Last day').inputValue()).toBe('2026-09-05');
    expect(await checkScreen(page, 'admin-ad-spend')).toEqual([]);

    // Importing the same file again replaces those days: the parts do not erase each other, nor add up twice.
    await form.getByRole('button', { name: 'Import' }).click();
    await form.getByText(/replacing 1,999 earlier rows of those days/).waitFor();
    await page.getByLabel('Group by').selectOption('AD');
    await table.getByRole('rowheader', { name: /^Red coat number 400/ }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(400);
  });

  it('creates a link template with variables, edits it, and makes a link from it in Links', async () => {
    await openAdmin('link-templates');
    await page.getByText('No link templates yet').waitFor();
    expect(await checkScreen(page, 'admin-link-templates-empty')).toEqual([]);
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.getByRole('form', { name: 'New link template' });
    await form.getByLabel('Name').fill('   ');
    await form.getByLabel('Destination template').fill('https://shop.example.com/{product}?week={week}');
    const week = form.getByRole('group', { name: 'Variable week' });
    await week.getByLabel('Type').selectOption('NUMBER');
    await week.getByLabel('Default').fill('1');
    await form.getByLabel('Source (utm_source)').fill('newsletter');
    await form.getByRole('button', { name: 'Save template' }).click();
    await form.locator('.tf-field-error').waitFor();
    expect(await form.locator('.tf-field-error').textContent()).toBe('templateName: is required and must not be blank');
    await form.getByLabel('Name').fill('Product page');
    await form.getByRole('button', { name: 'Save template' }).click();
    await toast('Template Product page saved');
    const row = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Product page/ }) });
    expect(await row.locator('[data-label=Variables]').textContent()).toBe('product, week');
    await row.getByRole('button', { name: 'Edit Product page' }).click();
    const edit = page.getByRole('form', { name: 'Edit template Product page' });
    expect(await edit.getByRole('group', { name: 'Variable week' }).getByLabel('Type').inputValue()).toBe('NUMBER');
    await edit.getByLabel('Destination template').fill('https://shop.example.com/{product}?week={week}&size={size}');
    const size = edit.getByRole('group', { name: 'Variable size' });
    await size.getByLabel('Type').selectOption('SELECT');
    await size.getByLabel('Choices').fill('s, m, l');
    await size.getByLabel('Required').uncheck();
    await edit.getByRole('button', { name: 'Save template' }).click();
    await toast('Template Product page saved');
    await row.locator('[data-label=Variables]', { hasText: 'product, week, size' }).waitFor();
    expect(await checkScreen(page, 'admin-link-templates')).toEqual([]);

    await page.getByRole('link', { name: 'Links', exact: true }).click();
    await page.getByRole('button', { name: 'From template' }).click();
    const from = page.getByRole('group', { name: 'New link from a template' });
    await from.getByLabel('Template').selectOption({ label: 'Product page' });
    await from.getByLabel('product *').fill('red-coat');
    await from.getByLabel('size').fill('xl');
    await from.getByRole('button', { name: 'Create link' }).click();
    await from.getByText('variables.size: must be one of s, m, l').waitFor();
    await from.getByLabel('size').fill('m');
    await from.getByRole('button', { name: 'Create link' }).click();
    await toast(/created from Product page/);
    await page.getByRole('link', { name: 'https://shop.example.com/red-coat?week=1&size=m', exact: false }).first().waitFor();
    expect(await checkScreen(page, 'links-from-template')).toEqual([]);
  });

  it('creates a link with its campaign, expiry and fallback, offering https:// for an address typed without it', async () => {
    const { createCampaign } = await server.ok<{ createCampaign: { id: string } }>(key, 'mutation { createCampaign(input: {name: "Autumn"}) { id } }');
    await page.getByRole('link', { name: 'Links', exact: true }).click();
    await page.getByRole('button', { name: 'New link' }).click();
    const form = page.getByRole('form', { name: 'New tracked link' });
    await form.getByLabel('Destination URL').fill('example.com/autumn');
    await form.getByText('Did you mean https://example.com/autumn?').waitFor();
    expect(await checkScreen(page, 'links-new-link-suggestion')).toEqual([]);
    await form.getByRole('button', { name: 'Use it: https://example.com/autumn as Destination URL' }).click();
    expect(await form.getByLabel('Destination URL').inputValue()).toBe('https://example.com/autumn');
    expect(await form.getByText(/^Did you mean/).count()).toBe(0);
    await form.getByLabel('Title').fill('Autumn banner');
    await form.getByLabel('Campaign').selectOption({ label: 'Autumn' });
    await form.getByLabel('Expires').fill('2031-01-02T03:04');
    await form.getByLabel('Fallback URL').fill('example.com/ended');
    await form.getByRole('button', { name: 'Use it: https://example.com/ended as Fallback URL' }).click();
    await form.getByRole('button', { name: 'Create link' }).click();
    await toast(/^Link .* created$/);
    const card = page.getByRole('listitem', { name: 'Autumn banner' });
    expect(await card.locator('.tf-destination').first().textContent()).toBe('Campaign Autumn');
    expect(await page.getByRole('listitem').filter({ hasText: 'red-coat' }).locator('.tf-destination').first().textContent()).toBe('Campaign none');
    const { trackedLinks } = await server.ok<{ trackedLinks: { title: string; campaignId: string; expiryDate: string; fallbackUrl: string }[] }>(key, '{ trackedLinks { title campaignId expiryDate fallbackUrl } }');
    expect(trackedLinks.find((link) => link.title === 'Autumn banner')).toEqual({
      title: 'Autumn banner',
      campaignId: createCampaign.id,
      expiryDate: new Date(2031, 0, 2, 3, 4).toISOString(),
      fallbackUrl: 'https://example.com/ended',
    });
    expect(await checkScreen(page, 'links-with-campaigns')).toEqual([]);
  });

  it("exports a person's data as a file and erases it after a step that names what goes", async () => {
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(key, 'mutation { createTrackedLink(input: {destinationUrl: "https://example.com/privacy"}) { shortCode } }');
    const visitorId = randomUUID();
    for (let click = 0; click < 2; click += 1) await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    await server.drainClicks();
    await openAdmin('privacy');
    const form = page.getByRole('form', { name: "Find a person's data" });
    await form.getByLabel('Email address').fill('not-an-address');
    await form.getByRole('button', { name: 'Look up' }).click();
    await form.locator('.tf-field-error').waitFor();
    expect(await form.locator('.tf-field-error').textContent()).toBe('email: must be an email address');
    await form.getByLabel('Find by').selectOption('visitorId');
    await form.getByLabel('Visitor id (tf_vid)').fill(visitorId);
    await form.getByRole('button', { name: 'Look up' }).click();
    const held = page.getByRole('region', { name: `Data held about ${visitorId}` });
    await held.waitFor();
    expect(await held.getByRole('listitem').allTextContents()).toEqual(['1 visitor', '1 session', '2 clicks']);
    expect(await checkScreen(page, 'admin-privacy')).toEqual([]);
    const [file] = await Promise.all([page.waitForEvent('download'), held.getByRole('button', { name: 'Download export' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^trackflow-visitorId-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await file.path()) as string, 'utf8'));
    expect([exported.visitorIds, exported.clicks.length]).toEqual([[visitorId], 2]);

    await held.getByRole('button', { name: `Erase the data of ${visitorId}` }).click();
    await held.getByRole('button', { name: `Confirm: Erase 1 visitor, 1 session, 2 clicks the data of ${visitorId}` }).click();
    await toast('Erased 1 visitor, 1 session, 2 clicks');
    await page.getByText(`TrackFlow holds nothing about ${visitorId}`).waitFor();
    const { exportVisitorData } = await server.ok<{ exportVisitorData: { visitors: unknown[]; clicks: unknown[] } }>(key, 'query($id: String) { exportVisitorData(subject: {visitorId: $id}) }', { id: visitorId });
    expect([exportVisitorData.visitors, exportVisitorData.clicks]).toEqual([[], []]);
    await form.getByRole('button', { name: 'Look up' }).click();
    await page.getByText(`TrackFlow holds nothing about ${visitorId}`).waitFor();
    expect(await checkScreen(page, 'admin-privacy-nothing')).toEqual([]);
  });

  // Last: the primary domain it leaves would put later links' short URLs (and their QR previews) on a host that does not resolve.
  it('adds domains with the API rule on a bad one and their response headers, makes one primary, edits headers and removes a domain', async () => {
    await openAdmin('domains');
    await page.getByText('No domains yet').waitFor();
    expect(await checkScreen(page, 'admin-domains-empty')).toEqual([]);
    for (const [name, primary] of [['go.example.com', true], ['links.example.org', false]] as const) {
      await page.getByRole('button', { name: 'Add domain' }).click();
      const form = page.getByRole('form', { name: 'Add a domain' });
      if (primary) {
        await form.getByLabel('Domain', { exact: true }).fill('https://go.example.com/path');
        await form.getByRole('button', { name: 'Add domain' }).click();
        await form.locator('.tf-field-error').waitFor();
        expect(await form.locator('.tf-field-error').textContent()).toBe('domain: must be a host name such as go.example.com (no scheme, port or path)');
        await form.getByLabel('Primary: new links go on this domain').check();
      }
      await form.getByLabel('Domain', { exact: true }).fill(name);
      if (primary) await form.getByLabel('Response headers').fill('X-Robots-Tag: noindex');
      await form.getByRole('button', { name: 'Add domain' }).click();
      await toast(`${name} added`);
    }
    const table = page.getByRole('table', { name: 'Short-link domains' });
    const primaryOf = () => table.locator('tbody tr', { has: page.getByText('Primary', { exact: true }) }).getByRole('rowheader').textContent();
    expect(await primaryOf()).toBe('go.example.com');
    await table.getByRole('button', { name: 'Make primary links.example.org' }).click();
    await toast('New links now go on links.example.org');
    await table.getByRole('button', { name: 'Make primary go.example.com' }).waitFor();
    expect(await primaryOf()).toBe('links.example.org');
    expect(await checkScreen(page, 'admin-domains')).toEqual([]);
    await table.getByRole('button', { name: 'Headers of links.example.org' }).click();
    const headers = page.getByRole('form', { name: 'Headers of links.example.org' });
    await headers.getByLabel('Response headers').fill('Location: https://elsewhere.example');
    await headers.getByRole('button', { name: 'Save headers' }).click();
    await headers.getByLabel('Response headers').and(page.locator('[aria-invalid=true]')).waitFor();
    expect(await headers.locator('.tf-field-error').textContent()).toMatch(/^headers\[0\]\.name: /);
    await headers.getByLabel('Response headers').fill('X-Frame-Options: DENY\nContent-Security-Policy: default-src https://a.example:443');
    await headers.getByRole('button', { name: 'Save headers' }).click();
    await toast('Headers of links.example.org saved');
    await table.locator('tbody tr', { hasText: 'links.example.org' }).getByText('X-Frame-Options: DENY').waitFor();
    const saved = await server.ok<{ domains: { domain: string; headers: { name: string; value: string }[] }[] }>(key, '{ domains { domain headers { name value } } }');
    expect(Object.fromEntries(saved.domains.map((domain) => [domain.domain, [...domain.headers].sort((a, b) => a.name.localeCompare(b.name))]))).toEqual({
      'go.example.com': [{ name: 'X-Robots-Tag', value: 'noindex' }],
      'links.example.org': [
        { name: 'Content-Security-Policy', value: 'default-src https://a.example:443' },
        { name: 'X-Frame-Options', value: 'DENY' },
      ],
    });
    await table.getByRole('button', { name: 'Remove go.example.com' }).click();
    await table.getByRole('button', { name: 'Confirm: Remove for good go.example.com' }).click();
    await toast('go.example.com removed');
    const { domains } = await server.ok<{ domains: { domain: string; isPrimary: boolean }[] }>(key, '{ domains { domain isPrimary } }');
    expect(domains).toEqual([{ domain: 'links.example.org', isPrimary: true }]);
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
