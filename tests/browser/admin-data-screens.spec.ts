import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { checkScreen } from 'tests/support/screen-check';
import { TestServer } from 'tests/support/test-server';

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
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    // checkScreen injects axe-core as a script, which the dashboard's Content Security Policy would refuse.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${server.url}/app`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No campaigns yet').waitFor();
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

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
