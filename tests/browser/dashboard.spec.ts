import { mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TestServer } from 'tests/support/test-server';
import { startLocalTwenty } from 'tests/support/twenty-connected';

/** Screenshots of every screen, for people to look at; not committed. */
/** Runs in the page: the layout needs no sideways scrolling. */
const FITS_WIDTH = 'document.documentElement.scrollWidth <= innerWidth';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'dashboard');

/**
 * The standalone dashboard at /app in real headless Chromium against a running server: a marketer
 * signs in, makes a campaign and a link, copies it, sees a visitor's click arrive, and opens a
 * person's journey and a deal's attribution, at desktop, sidebar and phone widths.
 */
describe('the dashboard at /app', () => {
  let server: TestServer;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let key: string;
  let workspaceId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    // Short URLs must point at this very server for the QR previews and the visit below.
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { defaultShortlinkDomain } }`, { input: { defaultShortlinkDomain: server.url } });
    site = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Spring sale</title><h1>Spring sale</h1>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    // Waits end well before jest's own limit, so a failure names the element it waited for.
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await server?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('refuses a wrong key and signs in with a good one', async () => {
    await page.goto(`${server.url}/app#/campaigns`);
    await page.getByLabel('API key').fill('tf_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/key/i);
    await shot('01-sign-in-refused');
    // The refused key's 401 is the one error Chromium is meant to log.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    problems.length = 0;
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No campaigns yet').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('trackflow.apiKey')")).toBe(key);
    await shot('02-campaigns-empty');
  });

  it('creates a campaign, showing a refusal next to the field it names', async () => {
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name').fill('Spring sale');
    await form.getByLabel('Budget').fill('-5');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await form.getByLabel('Budget').and(page.locator('[aria-invalid=true]')).waitFor();
    await shot('03-campaign-form-refused');
    await form.getByLabel('Budget').fill('2500');
    await form.getByLabel('Start date').fill('2026-03-01');
    await form.getByLabel('Source (utm_source)').fill('newsletter');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('button', { name: 'Spring sale', exact: true }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Spring sale' });
    expect(await row.textContent()).toContain('$2,500.00');
    await shot('04-campaigns-list');
  });

  it('edits a campaign and filters the list', async () => {
    await page.getByRole('button', { name: 'Edit Spring sale' }).click();
    const form = page.getByRole('form', { name: 'Edit Spring sale' });
    await form.getByLabel('Status').selectOption('ACTIVE');
    await form.getByRole('button', { name: 'Save campaign' }).click();
    await page.locator('tbody tr', { hasText: 'Active' }).waitFor();
    const status = page.getByRole('search').getByRole('combobox', { name: 'Status' });
    await status.selectOption('PAUSED');
    await page.getByText('No campaign matches these filters').waitFor();
    await status.selectOption('');
    await page.getByRole('searchbox').fill('spring');
    await page.locator('tbody tr', { hasText: 'Spring sale' }).waitFor();
  });

  let shortUrl: string;

  it('creates a link in the campaign, copies its short URL and shows its QR code', async () => {
    await page.getByRole('button', { name: 'Links of Spring sale' }).click();
    await page.getByText('No links yet').waitFor();
    await page.getByRole('button', { name: 'New link' }).click();
    const form = page.getByRole('form', { name: 'New tracked link' });
    await form.getByLabel('Destination URL').fill(`${siteUrl}/spring`);
    await form.getByLabel('Title').fill('Newsletter hero');
    await form.getByLabel('Medium (utm_medium)').fill('email');
    await form.getByRole('button', { name: 'Create link' }).click();
    const card = page.getByRole('listitem', { name: 'Newsletter hero' });
    await card.waitFor();
    shortUrl = await card.getByLabel('Short URL of Newsletter hero', { exact: true }).inputValue();
    expect(shortUrl).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]+$`));
    await card.getByRole('button', { name: 'Copy short URL of Newsletter hero' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(shortUrl);
    const qr = card.getByRole('img', { name: `QR code for ${shortUrl}` });
    await page.waitForFunction('(image) => image.complete && image.naturalWidth > 0', await qr.elementHandle());
    const png = await page.request.get(await card.getByRole('link', { name: 'PNG' }).getAttribute('href').then(String));
    expect(png.headers()['content-type']).toBe('image/png');
    await shot('05-links');
  });

  it('counts the click of a visitor who follows the short URL', async () => {
    const visitor = await browser.newContext();
    const visit = await visitor.newPage();
    await visit.goto(shortUrl);
    expect(await visit.textContent('h1')).toBe('Spring sale');
    const visitorId = new URL(visit.url()).searchParams.get('tf_vid');
    await visitor.close();
    await server.drainClicks();
    await page.reload();
    const card = page.getByRole('listitem', { name: 'Newsletter hero' });
    await card.waitFor();
    expect(await card.locator('.tf-stat', { hasText: 'Clicks' }).locator('.tf-stat-value').textContent()).toBe('1');
    expect(await card.locator('.tf-stat', { hasText: 'Unique visitors' }).locator('.tf-stat-value').textContent()).toBe('1');
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    seeded.visitorId = visitorId as string;
  });

  const addVariant = async (card: ReturnType<Page['getByRole']>, name: string, path: string, weight: string) => {
    const form = card.getByRole('form', { name: 'Add a variant to Newsletter hero' });
    await form.getByLabel('Variant name').fill(name);
    await form.getByLabel('Destination', { exact: true }).fill(`${siteUrl}${path}`);
    await form.getByLabel('Weight', { exact: true }).fill(weight);
    await form.getByRole('button', { name: 'Add variant' }).click();
    await card.getByRole('row', { name: new RegExp(`^${name} `) }).waitFor();
  };
  const traffic = (card: ReturnType<Page['getByRole']>) =>
    card.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.firstChild?.textContent, row.querySelector('[data-label=Weight]')?.textContent, row.querySelector('[data-label=Traffic]')?.textContent]));

  it('adds an A/B variant with a weight, and pauses and resumes the link', async () => {
    const card = page.getByRole('listitem', { name: 'Newsletter hero' });
    await card.getByRole('button', { name: /A\/B variants/ }).click();
    await addVariant(card, 'Blue hero', '/spring-blue', '3');
    expect(await traffic(card)).toEqual([['Blue hero', '3', '100%']]);
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('Paused', { exact: true }).waitFor();
    expect((await fetch(shortUrl, { redirect: 'manual' })).status).not.toBe(302);
    await shot('06-link-paused-with-variant');
    await card.getByRole('button', { name: 'Resume' }).click();
    await card.getByRole('button', { name: 'Pause' }).waitFor();
  });

  it('renames a variant, changes its weight, and deletes one after asking', async () => {
    const card = page.getByRole('listitem', { name: 'Newsletter hero' });
    await addVariant(card, 'Green hero', '/spring-green', '1');
    expect(await traffic(card)).toEqual([
      ['Blue hero', '3', '75%'],
      ['Green hero', '1', '25%'],
    ]);
    await card.getByRole('button', { name: 'Edit variant Blue hero' }).click();
    const form = card.getByRole('form', { name: 'Edit variant Blue hero' });
    await form.getByLabel('Variant name').fill('Blue banner');
    await form.getByLabel('Weight', { exact: true }).fill('20000');
    await form.getByRole('button', { name: 'Save variant' }).click();
    // The server's refusal shows under the field it names, and nothing is saved.
    await form.getByLabel('Weight', { exact: true }).and(page.locator('[aria-invalid=true]')).waitFor();
    await shot('06c-variant-refused');
    await form.getByLabel('Weight', { exact: true }).fill('1');
    await form.getByRole('button', { name: 'Save variant' }).click();
    await page.getByRole('status').filter({ hasText: 'Variant Blue banner saved' }).waitFor();
    await card.getByRole('row', { name: /^Blue banner / }).waitFor();
    expect(await traffic(card)).toEqual([
      ['Blue banner', '1', '50%'],
      ['Green hero', '1', '50%'],
    ]);
    await card.getByRole('button', { name: 'Delete variant Green hero' }).click();
    await card.getByRole('button', { name: 'Keep variant Green hero' }).click();
    await card.getByRole('button', { name: 'Delete variant Green hero' }).click();
    await shot('06d-variant-delete-confirm');
    await card.getByRole('button', { name: 'Confirm deleting variant Green hero' }).click();
    await page.getByRole('status').filter({ hasText: 'Variant Green hero deleted' }).waitFor();
    await card.getByRole('button', { name: 'A/B variants (1)' }).waitFor();
    expect(await traffic(card)).toEqual([['Blue banner', '1', '100%']]);
    const { trackedLinks } = await server.ok<{ trackedLinks: { title: string; variants: { variantName: string; destinationUrl: string; weight: number }[] }[] }>(
      key,
      `{ trackedLinks { title variants { variantName destinationUrl weight } } }`,
    );
    expect(trackedLinks.find((link) => link.title === 'Newsletter hero')?.variants).toEqual([{ variantName: 'Blue banner', destinationUrl: `${siteUrl}/spring-blue`, weight: 1 }]);
    await shot('06e-variant-edited');
  });

  it("makes a link from a template's variables, filed under the campaign on screen", async () => {
    await server.ok(key, `mutation($input: CreateLinkTemplateInput!) { createLinkTemplate(input: $input) { id } }`, {
      input: { templateName: 'Product page', urlTemplate: `${siteUrl}/products/{product}`, source: 'partner', variables: [{ variableName: 'product', isRequired: true, description: 'Product slug' }] },
    });
    await page.getByRole('button', { name: 'From template' }).click();
    const form = page.getByRole('group', { name: 'New link from a template' });
    await form.getByLabel('Template').selectOption({ label: 'Product page' });
    await form.getByLabel('product *').fill('running-shoes');
    await shot('06b-link-from-template');
    await form.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('link', { name: `${siteUrl}/products/running-shoes` }).waitFor();
    expect(await page.getByRole('list', { name: 'Links of Spring sale' }).getByRole('listitem').count()).toBe(2);
  });

  it("charts a campaign's clicks over time, as a picture and as a table, and says when there are none", async () => {
    await page.goto(`${server.url}/app#/campaigns`);
    await page.getByRole('button', { name: 'Clicks over time of Spring sale' }).click();
    const panel = page.getByRole('region', { name: 'Clicks over time of Spring sale' });
    const chart = panel.getByRole('img', { name: /^Clicks per day of Spring sale, last 30 days: 1 click, busiest day / });
    await chart.waitFor();
    expect(await panel.locator('svg.tf-chart-wide rect.visx-bar').count()).toBe(30);
    await shot('04b-campaign-chart');
    await panel.getByLabel('Period of the clicks chart of Spring sale').selectOption({ label: 'Last 12 weeks' });
    await panel.getByRole('img', { name: /^Clicks per week of Spring sale, last 12 weeks: 1 click, busiest week starting / }).waitFor();
    await panel.getByRole('button', { name: 'Show as a table' }).click();
    const table = panel.getByRole('table', { name: 'Clicks per week of Spring sale' });
    const weeks = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join('/')));
    expect(weeks).toEqual([...Array(11).fill('0/0'), '1/1']);
    await shot('04c-campaign-chart-table');
    await panel.getByRole('button', { name: 'Hide the figures' }).click();
    await page.getByRole('button', { name: 'Clicks over time of Spring sale' }).click();
    await panel.waitFor({ state: 'detached' });

    await server.ok(key, `mutation { createCampaign(input: {name: "Autumn preview", budget: "100"}) { id } }`);
    await page.reload();
    await page.getByRole('button', { name: 'Clicks over time of Autumn preview' }).click();
    await page.getByRole('region', { name: 'Clicks over time of Autumn preview' }).getByText('No clicks in the last 30 days').waitFor();
    await shot('04d-campaign-chart-empty');

    // Someone else deletes a campaign while it is still listed here: its chart says so and offers a retry.
    const { createCampaign } = await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Short-lived"}) { id } }`);
    await page.reload();
    const shortLived = page.getByRole('button', { name: 'Clicks over time of Short-lived' });
    // The list must show the campaign before it goes, or the page would simply never list it.
    await shortLived.waitFor();
    await server.ok(key, `mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: createCampaign.id });
    await shortLived.click();
    const failed = page.getByRole('region', { name: 'Clicks over time of Short-lived' });
    expect(await failed.getByRole('alert').textContent()).toContain(createCampaign.id);
    await failed.getByRole('button', { name: 'Try again' }).waitFor();
    await shot('04e-campaign-chart-error');
  });

  const seeded = { visitorId: '', personId: 'person-ada', opportunityId: 'opportunity-acme' };
  // Sam from sales, as Twenty's deliveries name a workspace member.
  const salesMember = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

  /** What the lead and deal hooks log when Twenty reports Ada's status and the Acme deal's stage moving on. */
  async function seedCrmHistory(): Promise<void> {
    const records = server.get(CrmRecordsRepository);
    const day = (n: number) => new Date(Date.now() - (10 - n) * 86_400_000);
    await server.dataSource.transaction(async (manager) => {
      await records.logLeadStatusChange(manager, workspaceId, { personId: seeded.personId, from: null, to: 'NEW', at: day(1), by: null, sourceCampaign: 'spring-sale', sourceMedium: 'email', eventKey: 'ada-1' });
      await records.logLeadStatusChange(manager, workspaceId, { personId: seeded.personId, from: 'NEW', to: 'QUALIFIED', at: day(3), by: salesMember, sourceCampaign: 'spring-sale', sourceMedium: 'email', eventKey: 'ada-2' });
      await records.logStageChange(manager, workspaceId, { opportunityId: seeded.opportunityId, from: null, to: 'NEW', at: day(4), by: salesMember, eventKey: 'acme-1' });
      await records.logStageChange(manager, workspaceId, { opportunityId: seeded.opportunityId, from: 'NEW', to: 'PROPOSAL', at: day(6), by: salesMember, eventKey: 'acme-2' });
      await records.logStageChange(manager, workspaceId, { opportunityId: seeded.opportunityId, from: 'PROPOSAL', to: 'CUSTOMER', at: day(9), by: salesMember, eventKey: 'acme-3' });
    });
  }

  it("shows a person's journey as a timeline", async () => {
    const record = `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`;
    await server.ok(key, record, { input: { conversionType: 'lead', visitorId: seeded.visitorId, personId: seeded.personId } });
    await server.ok(key, record, { input: { conversionType: 'deal', personId: seeded.personId, opportunityId: seeded.opportunityId, value: '12000', currencyCode: 'USD' } });
    await seedCrmHistory();
    await page.goto(`${server.url}/app#/journey/${seeded.personId}`);
    await page.getByText('Converted: deal').waitFor();
    expect(await page.locator('.tf-timeline').textContent()).toMatch(/Clicked link \/r\/.*Converted: lead.*Converted: deal/s);
    expect(await page.getByRole('table', { name: 'Lead status' }).textContent()).toMatch(/Created as NEW.*an integration.*NEW → QUALIFIED.*member 7c9e6679/s);
    await shot('07-journey');
    await page.goto(`${server.url}/app#/journey/nobody`);
    await page.getByText('No tracked activity yet').waitFor();
    await shot('08-journey-empty');
    await page.goto(`${server.url}/app#/journey/${'x'.repeat(80)}`);
    await page.getByRole('alert').filter({ hasText: 'personId' }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await shot('08-journey-refused');
  });

  it("opens a deal's attribution under the default model and every model side by side", async () => {
    await server.ok(key, `mutation { createAttributionModel(input: {name: "Even split", modelType: "LINEAR"}) { id } }`);
    await page.goto(`${server.url}/app#/attribution/${seeded.opportunityId}`);
    await page.getByRole('table', { name: 'The same deal under every model' }).waitFor();
    expect(await page.getByRole('table', { name: 'Touchpoints, oldest first' }).textContent()).toContain('$12,000.00');
    expect(await page.getByRole('table', { name: 'The same deal under every model' }).textContent()).toContain('Even split');
    expect(await page.getByRole('table', { name: 'Stage history' }).textContent()).toMatch(/Created as NEW.*NEW → PROPOSAL.*PROPOSAL → CUSTOMER.*member 7c9e6679/s);
    await shot('09-attribution');
    await page.goto(`${server.url}/app#/attribution/unknown-deal`);
    await page.getByText('TrackFlow has not seen this deal yet').waitFor();
    await shot('10-attribution-unknown-deal');
  });

  it('shows each campaign\'s cost and ROI once the metrics are refreshed, and sorts by ROI', async () => {
    await server.get(RollupsService).runWorkspace(workspaceId);
    await server.get(CampaignMetricsService).refreshWorkspace(workspaceId);
    await page.goto(`${server.url}/app#/campaigns`);
    const row = (name: string) => page.locator('tbody tr', { has: page.getByRole('button', { name, exact: true }) });
    await row('Spring sale').waitFor();
    // The $12,000 deal against the $2,500 budget; the campaign without revenue lost its budget.
    const figures = (name: string) => row(name).evaluate((tr) => ['Revenue', 'Cost', 'ROI'].map((label) => tr.querySelector(`[data-label=${label}]`)?.textContent));
    expect(await figures('Spring sale')).toEqual(['$12,000.00', '$2,500.00', '+380%']);
    expect(await figures('Autumn preview')).toEqual(['$0.00', '$100.00', '-100%']);
    const order = () => page.locator('tbody th[data-label=Campaign] button').allTextContents();
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Sort: ROI' });
    expect(await order()).toEqual(['Spring sale', 'Autumn preview']);
    await page.getByRole('button', { name: 'Descending: switch to ascending' }).click();
    expect(await order()).toEqual(['Autumn preview', 'Spring sale']);
    await shot('09b-campaigns-roi');
  });

  it("shows operators every queue's jobs and schedules, as Bull counts them", async () => {
    await page.goto(`${server.url}/app#/campaigns`);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Queues' }).click();
    const clicks = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'trackflow-clicks' }) });
    await clicks.waitFor();
    const { getQueueToken } = await import('@nestjs/bull');
    const counts = await server.running.app.get(getQueueToken('trackflow-clicks')).getJobCounts();
    expect(counts.completed).toBeGreaterThan(0);
    expect(await clicks.locator('[data-label=completed]').textContent()).toBe(String(counts.completed));
    expect(await page.locator('tbody th[data-label=Queue]').allTextContents()).toEqual(expect.arrayContaining(['trackflow-events', 'trackflow-twenty-outbox']));
    await page.getByRole('heading', { name: 'Recent failures' }).waitFor();
    await shot('10b-queues');
  });

  it('shows the sync with Twenty: not connected, then each object reconciliation has read and how far behind it is', async () => {
    await page.getByRole('link', { name: 'Twenty sync' }).click();
    await page.getByText('Not connected to Twenty').waitFor();
    const [{ name }] = await server.dataSource.query(`SELECT name FROM trackflow.workspace WHERE id = $1`, [workspaceId]);
    const twenty = await startLocalTwenty();
    try {
      twenty.deliverTo = `${server.url}/webhooks/twenty`;
      await twenty.asUser('POST', '/rest/companies', { name: 'Acme' });
      await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName: name, dryRun: false, log: () => undefined, requireDelivery: true });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByRole('rowheader', { name: 'people', exact: true }).waitFor();
      expect(await page.locator('tbody th[data-label=Object]').allTextContents()).toEqual([
        'companies', 'companies in the trash', 'companies checked for deletions',
        'opportunities', 'opportunities in the trash', 'opportunities checked for deletions',
        'people', 'people in the trash', 'people checked for deletions',
      ]);
      expect(await page.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'companies', exact: true }) }).locator('[data-label="Records processed"]').textContent()).toBe('1');
      expect(await page.getByText('none yet').count()).toBe(0);
      await page.getByText('No failures').waitFor();
      expect(await page.evaluate(FITS_WIDTH)).toBe(true);
      await shot('10c-twenty-sync');
    } finally {
      await server.get(TwentyInstallService).uninstall(name, () => undefined);
      await twenty.stop();
    }
  });

  it('fits a sidebar and a phone', async () => {
    for (const [name, width, height] of [
      ['sidebar', 400, 900],
      ['phone', 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/app#/campaigns`);
      await page.getByRole('button', { name: 'Spring sale', exact: true }).waitFor();
      expect(await page.evaluate(FITS_WIDTH)).toBe(true);
      await shot(`11-${name}-campaigns`);
      await page.getByRole('button', { name: 'Clicks over time of Spring sale' }).click();
      // The narrow layout of the chart, drawn at about its own size.
      const chart = page.getByRole('img', { name: /^Clicks per day of Spring sale/ });
      await chart.waitFor();
      expect(await chart.evaluate((svg) => svg.classList.contains('tf-chart-narrow') && svg.getBoundingClientRect().width)).toBeGreaterThan(300);
      expect(await page.evaluate(FITS_WIDTH)).toBe(true);
      await chart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `11b-${name}-campaign-chart.png`) });
      await page.goto(`${server.url}/app#/links`);
      await page.getByRole('listitem', { name: 'Newsletter hero' }).waitFor();
      expect(await page.evaluate(FITS_WIDTH)).toBe(true);
      await shot(`12-${name}-links`);
      await page.goto(`${server.url}/app#/attribution/${seeded.opportunityId}`);
      await page.getByRole('table', { name: 'Touchpoints, oldest first' }).waitFor();
      await shot(`13-${name}-attribution`);
    }
  });

  it('is driven by the keyboard alone', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/app#/campaigns`);
    await page.getByRole('button', { name: 'Spring sale', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Spring sale', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Links of Spring sale' }).waitFor();
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
