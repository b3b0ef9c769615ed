import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { signInToDashboard } from 'tests/support/dashboard-session';
import { checkScreen } from 'tests/support/screen-check';
import { WEBHOOKS_QUEUE } from 'src/security/webhooks/deliver-webhook.job';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

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
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    await signInToDashboard(page, server.url, key, problems);
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

  const signInWith = async (secret: string) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Admin' }).waitFor();
  };

  it('issues an API key with a role and an allow-list, shows its secret once, and the key signs in without the admin screens', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('table', { name: 'API keys of this workspace' }).getByRole('rowheader', { name: /^test/ }).waitFor();
    await page.getByRole('button', { name: 'New API key' }).click();
    const form = page.getByRole('form', { name: 'New API key' });
    await form.getByLabel('Name').fill('Marketing');
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('scopes: give at least one scope').waitFor();
    await form.getByLabel('Role').selectOption('CAMPAIGN_MANAGER');
    await form.getByLabel('IP allow-list').fill('not-an-address office');
    await form.getByRole('button', { name: 'Create key' }).click();
    await invalid(form, 'IP allow-list').waitFor();
    expect(await form.locator('.tf-field-error').textContent()).toMatch(/^ipAllowList\[0\]\.cidr: /);
    await form.getByLabel('IP allow-list').fill('127.0.0.0/8 this machine');
    await form.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('region', { name: 'New key Marketing' });
    const secret = await shown.getByLabel('New key Marketing: secret').inputValue();
    expect(secret).toMatch(/^tfk_/);
    await shown.getByRole('button', { name: 'Copy secret' }).click();
    await toast('Secret copied');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    expect(await checkScreen(page, 'admin-api-key-issued')).toEqual([]);
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByLabel('New key Marketing: secret').count()).toBe(0);
    const row = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Marketing/ }) });
    expect(await row.locator('[data-label=Scopes]').textContent()).toBe('links:write, analytics:read, attribution:read');
    expect(await row.locator('[data-label="Allowed from"]').textContent()).toBe('127.0.0.0/8');
    await row.getByRole('button', { name: 'Access of Marketing' }).click();
    const access = page.getByRole('form', { name: 'Access of Marketing' });
    await access.getByLabel('Expires').fill('2031-01-02T03:04');
    await access.getByRole('button', { name: 'Save access' }).click();
    await toast('Access of Marketing saved');
    await row.locator('[data-label=Expires]', { hasText: '2031' }).waitFor();
    expect(await checkScreen(page, 'admin-api-keys')).toEqual([]);

    await signInWith(secret);
    await page.goto(`${server.url}/app#/admin/api-keys`);
    await page.getByRole('alert').filter({ hasText: 'this API key lacks the "admin" scope' }).waitFor();
    expect(await checkScreen(page, 'admin-api-keys-refused')).toEqual([]);
    // The refused request's 403 is the one error Chromium is meant to log.
    expect(problems.splice(0)).toEqual(['console: Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    await signInWith(key);
  });

  it('rotates a key, showing the new secret once, and revokes it after asking', async () => {
    await page.goto(`${server.url}/app#/admin/api-keys`);
    const row = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Marketing/ }) });
    await row.getByRole('button', { name: 'Rotate Marketing' }).click();
    await row.getByRole('button', { name: 'Confirm: New secret Marketing' }).click();
    const rotated = await page.getByRole('region', { name: 'New secret of Marketing' }).getByRole('textbox').inputValue();
    expect(rotated).toMatch(/^tfk_/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    const fresh = page.locator('tbody tr', { hasText: `${rotated.slice(0, 8)}…` });
    await fresh.getByRole('button', { name: 'Revoke Marketing' }).click();
    await fresh.getByRole('button', { name: 'Keep Marketing' }).click();
    await fresh.getByRole('button', { name: 'Revoke Marketing' }).click();
    await fresh.getByRole('button', { name: 'Confirm: Revoke now Marketing' }).click();
    await toast('Marketing revoked');
    await fresh.getByText('Revoked').waitFor();
    expect((await server.graphql(rotated, '{ campaigns { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('subscribes a webhook with its secret shown once, shows a failed delivery and resends it to the receiver', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No webhook subscriptions').waitFor();
    await page.getByText('No deliveries yet').waitFor();
    expect(await checkScreen(page, 'admin-webhooks-empty')).toEqual([]);
    await page.getByRole('button', { name: 'New subscription' }).click();
    const form = page.getByRole('form', { name: 'New webhook subscription' });
    await form.getByLabel('URL').fill('ftp://example.com/hook');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await invalid(form, 'URL').waitFor();
    expect(await form.locator('.tf-field-error').textContent()).toBe('url: must be an absolute http or https URL of at most 2048 characters');
    await form.getByLabel('URL').fill(`${receiverUrl}/hooks`);
    await form.getByRole('button', { name: 'Subscribe' }).click();
    const shown = page.getByRole('region', { name: 'Signing secret for campaign.updated' });
    expect(await shown.getByRole('textbox').inputValue()).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('table', { name: 'Subscriptions' }).getByRole('rowheader', { name: 'campaign.updated' }).waitFor();

    receiverStatuses.push(...Array(6).fill(500));
    await server.ok(key, 'mutation { createCampaign(input: {name: "Hooked"}) { id } }');
    await server.drainQueue(WEBHOOKS_QUEUE, 30_000);
    await page.getByLabel('Delivery status').selectOption('failed');
    const failed = page.getByRole('table', { name: 'Deliveries, newest first' }).locator('tbody tr');
    await failed.first().waitFor();
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('[data-label="Last answer"]').textContent()).toBe('answered 500');
    expect(await checkScreen(page, 'admin-webhooks-failed')).toEqual([]);
    const before = received.length;
    await failed.getByRole('button', { name: /^Resend campaign.updated/ }).click();
    await toast('campaign.updated queued to be sent again');
    await server.drainQueue(WEBHOOKS_QUEUE, 30_000);
    expect(received.slice(before).map((item) => [item.path, JSON.parse(item.body).event])).toEqual([['/hooks', 'campaign.updated']]);
    await page.getByLabel('Delivery status').selectOption('delivered');
    const delivered = page.getByRole('table', { name: 'Deliveries, newest first' }).locator('tbody tr');
    await delivered.first().waitFor();
    expect(await delivered.locator('[data-label=Attempts]').textContent()).toBe('7');

    // Paused, the subscription is sent nothing until it is resumed.
    const subscriptionRow = page.getByRole('table', { name: 'Subscriptions' }).locator('tbody tr');
    await page.getByRole('button', { name: /^Pause campaign.updated to / }).click();
    await toast(/^campaign.updated to .* is paused/);
    expect(await subscriptionRow.locator('[data-label=Status]').textContent()).toBe('Paused');
    const whilePaused = received.length;
    await server.ok(key, 'mutation { createCampaign(input: {name: "Hooked while paused"}) { id } }');
    await server.drainQueue(WEBHOOKS_QUEUE, 30_000);
    expect(received.length).toBe(whilePaused);
    await page.getByRole('button', { name: /^Resume campaign.updated to / }).click();
    await toast(/^campaign.updated is sent to .* again$/);
    expect(await subscriptionRow.locator('[data-label=Status]').textContent()).toBe('Active');

    await page.getByRole('button', { name: /^Delete campaign.updated to / }).click();
    await page.getByRole('button', { name: /^Confirm: Delete for good campaign.updated/ }).click();
    await page.getByText('No webhook subscriptions').waitFor();
  });

  it('creates a model, previews unsaved channel rules on the recent touches, and saves a rule', async () => {
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      'mutation { createTrackedLink(input: {destinationUrl: "https://example.com/spring", source: "newsletter", medium: "email"}) { shortCode } }',
    );
    await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    await server.drainClicks();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Attribution models' }).click();
    await page.getByRole('button', { name: 'New model' }).click();
    const form = page.getByRole('form', { name: 'New attribution model' });
    await form.getByLabel('Name').fill('Even split');
    await form.getByLabel('Type').selectOption('LINEAR');
    await form.getByRole('button', { name: 'Save model' }).click();
    await page.getByRole('button', { name: 'Channel rules of Even split' }).click();
    const rules = page.getByRole('region', { name: 'Channel rules of Even split' });
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByLabel('Name').fill('Mailings');
    await rules.getByLabel('Channel').fill('Email blast');
    await rules.getByLabel('Conditions').fill('medium nope email');
    await rules.getByRole('button', { name: 'Preview on recent touches' }).click();
    await rules.getByRole('alert').filter({ hasText: 'channelRules["Mailings"]' }).waitFor();
    await rules.getByLabel('Conditions').fill('medium in email, e-mail');
    await rules.getByRole('button', { name: 'Preview on recent touches' }).click();
    const preview = rules.getByRole('table', { name: 'Recent touches under these rules (not saved)' });
    await preview.waitFor();
    expect(await preview.locator('tbody th').allTextContents()).toEqual(['Email blastrule Mailings']);
    expect(await checkScreen(page, 'admin-attribution-models')).toEqual([]);
    await rules.getByRole('button', { name: 'Save rule Mailings' }).click();
    await toast('Rule Mailings saved');
    await page.locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Even split/ }) }).locator('[data-label="Channel rules"]', { hasText: '1' }).waitFor();
    const { attributionModels } = await server.ok<{ attributionModels: { name: string; channelRules: { channelName: string; matchConditions: unknown }[] }[] }>(key, '{ attributionModels { name channelRules { channelName matchConditions } } }');
    expect(attributionModels.find((model) => model.name === 'Even split')?.channelRules).toEqual([{ channelName: 'Email blast', matchConditions: [{ field: 'medium', op: 'in', value: ['email', 'e-mail'] }] }]);
  });

  it("creates a time-decay and a position-based model with their settings, a refusal shown under the field it names", async () => {
    await page.goto(`${server.url}/app#/admin/models`);
    await page.getByRole('button', { name: 'New model' }).click();
    let form = page.getByRole('form', { name: 'New attribution model' });
    await form.getByLabel('Name').fill('Fast decay');
    await form.getByLabel('Type').selectOption('TIME_DECAY');
    expect(await form.getByLabel('First touch share').count()).toBe(0);
    await form.getByLabel('Half-life (days)').fill('3.5');
    await form.getByRole('button', { name: 'Save model' }).click();
    await toast('Model Fast decay saved');

    await page.getByRole('button', { name: 'New model' }).click();
    form = page.getByRole('form', { name: 'New attribution model' });
    await form.getByLabel('Name').fill('Heavy ends');
    await form.getByLabel('Type').selectOption('POSITION_BASED');
    expect(await form.getByLabel('Half-life (days)').count()).toBe(0);
    await form.getByLabel('First touch share').fill('0.7');
    await form.getByLabel('Last touch share').fill('0.5');
    await form.getByRole('button', { name: 'Save model' }).click();
    await invalid(form, 'Last touch share').waitFor();
    expect(await form.locator('.tf-field-error').textContent()).toBe('positionBasedLastWeight: positionBasedFirstWeight + positionBasedLastWeight must be at most 1, got 0.7 + 0.5');
    await form.getByLabel('First touch share').fill('0.3');
    await form.getByRole('button', { name: 'Save model' }).click();
    await toast('Model Heavy ends saved');

    await page.getByRole('button', { name: 'Edit Heavy ends' }).click();
    const edit = page.getByRole('form', { name: 'Edit Heavy ends' });
    expect([await edit.getByLabel('First touch share').inputValue(), await edit.getByLabel('Last touch share').inputValue()]).toEqual(['0.3', '0.5']);
    expect(await checkScreen(page, 'admin-attribution-model-settings')).toEqual([]);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    const { attributionModels } = await server.ok<{ attributionModels: { name: string; modelType: string; timeDecayHalfLifeDays: number; positionBasedFirstWeight: number; positionBasedLastWeight: number }[] }>(
      key,
      '{ attributionModels { name modelType timeDecayHalfLifeDays positionBasedFirstWeight positionBasedLastWeight } }',
    );
    expect(attributionModels.find((model) => model.name === 'Fast decay')).toMatchObject({ modelType: 'TIME_DECAY', timeDecayHalfLifeDays: 3.5 });
    expect(attributionModels.find((model) => model.name === 'Heavy ends')).toMatchObject({ modelType: 'POSITION_BASED', positionBasedFirstWeight: 0.3, positionBasedLastWeight: 0.5 });
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
