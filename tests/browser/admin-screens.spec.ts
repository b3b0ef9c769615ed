import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { checkScreen } from 'tests/support/screen-check';
import { TestServer } from 'tests/support/test-server';

/**
 * The admin area of /app in real headless Chromium against a running server: an operator edits
 * settings and reads their log, issues a key and signs in with it, subscribes a webhook to a local
 * receiver and resends a failed delivery, and creates links with the improved form; every screen
 * is checked at desktop, side-panel and phone width.
 */
describe('the admin screens at /app', () => {
  let server: TestServer;
  let receiver: Server;
  let receiverUrl: string;
  const received: { path: string; body: string }[] = [];
  const receiverStatuses: number[] = [];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let key: string;
  const problems: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    // The receiver is on loopback, which only an explicit allowance permits; short retries make a failure final within seconds.
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
    process.env.WEBHOOK_RETRY_BASE_MS = '50';
    server = await TestServer.start();
    ({ key } = await server.createKey());
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(receiverStatuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    // checkScreen injects axe-core as a script, which the dashboard's Content Security Policy would refuse.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
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
    process.env = saved;
    await browser?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    await server?.stop();
  });

  const toast = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const invalid = (form: ReturnType<Page['getByRole']>, label: string) => form.getByLabel(label, { exact: true }).and(page.locator('[aria-invalid=true]'));

  it('opens Admin on the settings, refuses a bad value beside its field with the API rule, and logs who changed what', async () => {
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' }).waitFor();
    const links = page.getByRole('form', { name: 'Links and domains' });
    await links.getByLabel('Short code length').fill('99');
    await links.getByRole('button', { name: 'Save Links and domains' }).click();
    await invalid(links, 'Short code length').waitFor();
    expect(await links.locator('.tf-field-error').textContent()).toBe('shortCodeLength: must be a whole number from 4 to 32');
    await links.getByLabel('Short code length').fill('9');
    await links.getByRole('button', { name: 'Save Links and domains' }).click();
    await toast('Links and domains saved');
    const privacy = page.getByRole('form', { name: 'Privacy and consent' });
    await privacy.getByLabel('Privacy policy link').fill('not a link');
    await privacy.getByRole('button', { name: 'Save Privacy and consent' }).click();
    await invalid(privacy, 'Privacy policy link').waitFor();
    await privacy.getByLabel('Privacy policy link').fill('https://example.com/privacy');
    await privacy.getByLabel('Respect Do Not Track and GPC').check();
    await privacy.getByRole('button', { name: 'Save Privacy and consent' }).click();
    await toast('Privacy and consent saved');
    const log = page.getByRole('table', { name: 'Who changed which setting, newest first' });
    await log.getByRole('row', { name: /Privacy policy link/ }).waitFor();
    const rows = await log.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 4).map((cell) => cell.textContent)));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Short code length (Links and domains)', expect.any(String), '9', 'test'],
        ['Privacy policy link (Privacy and consent)', 'not set', 'https://example.com/privacy', 'test'],
        ['Respect Do Not Track and GPC (Privacy and consent)', 'off', 'on', 'test'],
      ]),
    );
    const { settings } = await server.ok<{ settings: { shortCodeLength: number; respectDoNotTrack: boolean } }>(key, '{ settings { shortCodeLength respectDoNotTrack } }');
    expect(settings).toEqual({ shortCodeLength: 9, respectDoNotTrack: true });
    expect(await checkScreen(page, 'admin-settings')).toEqual([]);
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
