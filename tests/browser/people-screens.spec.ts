import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { checkScreen } from 'tests/support/screen-check';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { ConnectedWorkspace, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

/**
 * The people side of /app in Chromium against a server connected to the Twenty stand-in: from a
 * campaign to its conversions, a person's journey and a deal's attribution under every model;
 * people and deals found by name or email; every pre-existing screen checked at every width.
 */
describe('people and deals on /app', () => {
  let connected: ConnectedWorkspace;
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;
  let workspaceId: string;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];
  const ids = { campaign: '', person: '', opportunity: '' };

  async function twentyRest(method: string, path: string, body?: unknown): Promise<{ id: string }> {
    const response = await twenty.asUser(method, `/rest/${path}`, body);
    const answer = (await response.json()) as { data: Record<string, { id: string }> };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return Object.values(answer.data)[0];
  }

  beforeAll(async () => {
    connected = await startConnectedWorkspace('people-screens');
    ({ server, twenty, key } = connected);
    [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [connected.workspaceName]);
    // Short URLs and their QR previews must point at this very server.
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { defaultShortlinkDomain } }`, { input: { defaultShortlinkDomain: server.url } });
    ids.campaign = (await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Spring launch", source: "newsletter", medium: "email"}) { id } }`)).createCampaign.id;
    await server.ok(key, `mutation { createAttributionModel(input: {name: "Even split", modelType: "LINEAR"}) { id } }`);
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      `mutation($campaignId: ID!) { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", campaignId: $campaignId, source: "newsletter", medium: "email"}) { shortCode } }`,
      { campaignId: ids.campaign },
    );
    const visitorId = randomUUID();
    await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    await server.drainClicks();
    ids.person = (await twentyRest('POST', 'people', { name: { firstName: 'Ada', lastName: 'Lovelace' }, emails: { primaryEmail: 'ada@analytical.example' }, trackflowVisitorId: visitorId })).id;
    await twentyRest('POST', 'people', { name: { firstName: 'Charles', lastName: 'Babbage' }, emails: { primaryEmail: 'charles@analytical.example' } });
    ids.opportunity = (await twentyRest('POST', 'opportunities', { name: 'Difference engine', amount: { amountMicros: 12_000_000_000, currencyCode: 'USD' }, stage: 'CUSTOMER', pointOfContactId: ids.person })).id;
    await settle(connected);
    await server.get(RollupsService).runWorkspace(workspaceId);

    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    // axe-core is added to the page as a script: the dashboard's CSP would refuse it.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => message.type() === 'error' && consoleProblems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
    // The dashboard opens on the overview; this spec starts from the campaigns.
    await page.goto(`${server.url}/app#/campaigns`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Spring launch', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    if (connected) await stopConnectedWorkspace(connected);
  });

  it("goes from a campaign to its conversions, a person's journey and a deal's attribution under every model", async () => {
    await page.getByRole('button', { name: 'Conversions of Spring launch' }).click();
    const table = page.getByRole('table', { name: 'Conversions of Spring launch, newest first' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('[data-label]')].map((cell) => cell.getAttribute('data-label') === 'Conversion' ? cell.firstChild?.textContent : cell.textContent)));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['deal', 'Ada Lovelace', 'Difference engine', '$12,000.00'],
        ['lead', 'Ada Lovelace', '—', '$0.00'],
      ]),
    );
    expect(await checkScreen(page, 'people-campaign-conversions')).toEqual([]);

    await table.locator('tbody tr', { hasText: 'deal' }).getByRole('button', { name: 'Journey of Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Journey' }).waitFor();
    await page.getByText('Converted: deal').waitFor();
    expect(page.url()).toContain(`#/journey/${ids.person}`);
    expect(await checkScreen(page, 'people-journey')).toEqual([]);

    await page.getByRole('group', { name: "This person's deals" }).getByRole('button').click();
    const everyModel = page.getByRole('table', { name: 'The same deal under every model' });
    await everyModel.waitFor();
    expect(page.url()).toContain(`#/attribution/${ids.opportunity}`);
    // The default model and the one added: each credits the newsletter with the whole deal.
    const header = await everyModel.locator('thead th').allTextContents();
    expect(header).toEqual(['Channel', expect.any(String), 'Even split']);
    expect(await everyModel.locator('tbody tr').first().textContent()).toMatch(/100%\$12,000\.00100%\$12,000\.00/);
    expect(await checkScreen(page, 'people-deal-attribution')).toEqual([]);
  });

  it('finds people by part of a name or an exact email, and opens one from the keyboard', async () => {
    await page.goto(`${server.url}/app#/journey`);
    const search = page.getByRole('search', { name: 'Find a person' });
    const box = search.getByLabel('Find a person');
    await box.fill('LOVE');
    await search.getByRole('status').filter({ hasText: '1 person found' }).waitFor();
    expect(await search.getByRole('list', { name: 'people found' }).getByRole('button').allTextContents()).toEqual([expect.stringMatching(/^Ada Lovelace2 conversions · last seen /)]);
    await box.fill(' Charles@Analytical.example ');
    await search.getByRole('button', { name: /^Charles Babbage/ }).waitFor();
    await box.fill('nobody here');
    await search.getByRole('status').filter({ hasText: 'No person matches' }).waitFor();
    expect(await checkScreen(page, 'people-search-empty')).toEqual([]);
    // An address is only ever matched whole: a piece of one finds nobody.
    await box.fill('analytical.example');
    await search.getByRole('status').filter({ hasText: 'No person matches' }).waitFor();
    await box.fill('x'.repeat(201));
    await search.getByRole('alert').filter({ hasText: 'query: must be at most 200 characters' }).waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');

    await box.fill('ada');
    await search.getByRole('button', { name: /^Ada Lovelace/ }).waitFor();
    await box.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^Ada Lovelace/);
    await page.keyboard.press('Enter');
    await page.getByText('Converted: deal').waitFor();
    expect(await search.getByRole('button', { name: /^Ada Lovelace/ }).getAttribute('aria-current')).toBe('true');
    expect(await checkScreen(page, 'people-search-results')).toEqual([]);
  });

  it("finds deals by their name or their contact's email", async () => {
    await page.goto(`${server.url}/app#/attribution`);
    const search = page.getByRole('search', { name: 'Find a deal' });
    await search.getByLabel('Find a deal').fill('engine');
    await search.getByRole('button', { name: /^Difference engine\s*CUSTOMER · \$12,000\.00 · Ada Lovelace · won / }).waitFor();
    await search.getByLabel('Find a deal').fill('ada@analytical.example');
    await search.getByRole('button', { name: /^Difference engine/ }).click();
    await page.getByRole('table', { name: 'The same deal under every model' }).waitFor();
    expect(await checkScreen(page, 'people-deal-search')).toEqual([]);
  });

  it('shows clicks stored but not counted beside the counted ones, with why, on the campaign and its link', async () => {
    const { trackedLinks } = await server.ok<{ trackedLinks: { shortCode: string }[] }>(key, `query($id: ID) { trackedLinks(campaignId: $id) { shortCode } }`, { id: ids.campaign });
    // What someone testing with curl sends: counted as a bot.
    await fetch(`${server.url}/r/${trackedLinks[0].shortCode}`, { redirect: 'manual', headers: { 'user-agent': 'curl/8.5.0' } });
    await server.drainClicks();
    const { campaign } = await server.ok<{ campaign: { totalClicks: number; filteredClicks: { bots: number; internal: number } } }>(key, `query($id: ID!) { campaign(id: $id) { totalClicks filteredClicks { bots internal } } }`, { id: ids.campaign });
    expect(campaign).toEqual({ totalClicks: 1, filteredClicks: { bots: 1, internal: 0 } });
    await page.goto(`${server.url}/app#/campaigns`);
    const clicks = page.locator('tbody tr', { hasText: 'Spring launch' }).locator('[data-label=Clicks]');
    await clicks.getByText('1 filtered (1 bot)').waitFor();
    expect(await clicks.locator('.tf-filtered').getAttribute('title')).toMatch(/curl/);
    expect(await checkScreen(page, 'people-campaigns-filtered')).toEqual([]);
    await page.goto(`${server.url}/app#/links`);
    await page.getByText(/^1 filtered \(1 bot\)\. Filtered clicks are stored but not counted: .*curl/).waitFor();
    expect(await checkScreen(page, 'people-links-filtered')).toEqual([]);
  });

  it('checks the Twenty sync and Queues screens under Admin at every width', async () => {
    await page.goto(`${server.url}/app#/admin/twenty`);
    await page.getByRole('table', { name: 'How far reconciliation has read each Twenty object' }).waitFor();
    expect(await checkScreen(page, 'admin-twenty-sync')).toEqual([]);
    await page.goto(`${server.url}/app#/admin/queues`);
    await page.getByRole('table', { name: 'Jobs of each queue' }).first().waitFor();
    expect(await checkScreen(page, 'admin-queues')).toEqual([]);
  });

  it("keeps the tab a page belongs to current: Campaigns on a campaign's conversions, Links on a link's analytics", async () => {
    const currentTabs = () => page.getByRole('navigation', { name: 'TrackFlow' }).locator('[aria-current=page]').allTextContents();
    await page.goto(`${server.url}/app#/conversions/${ids.campaign}/Spring%20launch`);
    await page.getByRole('table', { name: 'Conversions of Spring launch, newest first' }).waitFor();
    expect(await currentTabs()).toEqual(['Campaigns']);
    const { trackedLinks } = await server.ok<{ trackedLinks: { id: string }[] }>(key, `query($id: ID) { trackedLinks(campaignId: $id) { id } }`, { id: ids.campaign });
    await page.goto(`${server.url}/app#/link/${trackedLinks[0].id}`);
    await page.getByRole('heading', { name: 'Link analytics' }).waitFor();
    expect(await currentTabs()).toEqual(['Links']);
  });

  it('logged no console error on any screen', () => {
    expect(consoleProblems).toEqual([]);
  });
});
