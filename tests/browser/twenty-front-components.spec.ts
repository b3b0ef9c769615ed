import { mkdirSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build, Plugin } from 'esbuild';
import type { Browser, Locator, Page } from 'playwright-core';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { checkScreen } from 'tests/support/screen-check';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { forwardGraphql } from '../../ui-extension/src/logic-functions/forward-graphql';

const ROOT = resolve(__dirname, '..', '..');
const FRONT_COMPONENTS = join(ROOT, 'ui-extension', 'src', 'front-components');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'twenty-front-components');
const COMPONENTS = ['trackflow-page', 'person-journey', 'opportunity-attribution', 'create-tracked-link'];
const EXPIRED_TOKEN = 'app-token-expired';
const FRESH_TOKEN = 'app-token-fresh';
const UNAUTHORIZED_LOG = 'Failed to load resource: the server responded with a status of 401 (Unauthorized)';
/** Runs in the page: the layout needs no sideways scrolling. */
const FITS_WIDTH = 'document.documentElement.scrollWidth <= innerWidth';
/**
 * The SVG elements Twenty's worker can mirror into its page (twenty-sdk's remote elements) that a
 * chart needs; it has no canvas. The harness renders into a real DOM, so this list is the check.
 */
const REMOTE_SVG_ELEMENTS = ['svg', 'g', 'rect', 'line', 'path', 'text', 'tspan', 'title'];
/** Runs in the page: no table or panel inside it scrolls sideways either (a wrapper's own scrollbar hides from FITS_WIDTH). */
const NOTHING_SCROLLS_SIDEWAYS = `[...document.querySelectorAll('.tf-root *')].filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth + 1).map((element) => element.className)`;

/** The tags of the SVG under a locator that Twenty's worker could not mirror. */
async function unmirrorableSvg(charts: Locator): Promise<string[]> {
  const tags = await charts.evaluateAll((svgs) => [...new Set(svgs.flatMap((svg) => [svg, ...svg.querySelectorAll('*')].map((element) => element.tagName)))]);
  return tags.filter((tag) => !REMOTE_SVG_ELEMENTS.includes(tag));
}

/**
 * What Twenty gives a front component, as the harness gives it: the record id, the snackbar, the
 * clipboard and the side panel recorded in window.__twenty, the API URL and the app token in
 * process.env, and a token refresh through the host API.
 */
const HOST_STUB = `
const host = globalThis.__twenty;
export const useRecordId = () => host.recordId;
export const enqueueSnackbar = async (params) => { host.snackbars.push(params); };
export const copyToClipboard = async (text) => { host.copied.push(text); };
export const closeSidePanel = async () => { host.sidePanelClosed += 1; };
export const navigate = async (...args) => { host.navigations.push(args); };
export const AppPath = { RecordShowPage: '/object/:objectNameSingular/:objectRecordId' };
`;

/** The SDK replaced by the harness; React taken from the repository's own node_modules, whichever file imports it. */
const harnessPlugin: Plugin = {
  name: 'twenty-harness',
  setup(bundle) {
    bundle.onResolve({ filter: /^twenty-sdk\/(define|front-component)$/ }, (args) => ({ path: args.path, namespace: 'twenty-stub' }));
    bundle.onLoad({ filter: /.*/, namespace: 'twenty-stub' }, (args) => ({
      contents: args.path === 'twenty-sdk/define' ? 'export const defineFrontComponent = (config) => config;' : HOST_STUB,
      loader: 'js',
    }));
    bundle.onResolve({ filter: /^react(-dom)?(\/.*)?$/ }, (args) =>
      args.pluginData?.fromRoot ? undefined : bundle.resolve(args.path, { kind: args.kind, resolveDir: ROOT, pluginData: { fromRoot: true } }),
    );
  },
};

async function buildHarness(): Promise<string> {
  const imports = COMPONENTS.map((name, index) => `import c${index} from ${JSON.stringify(join(FRONT_COMPONENTS, `${name}.front-component`))};`).join('\n');
  const result = await build({
    stdin: {
      contents: `${imports}
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
const components = { ${COMPONENTS.map((name, index) => `${JSON.stringify(name)}: c${index}`).join(', ')} };
createRoot(document.getElementById('root')).render(createElement(components[globalThis.__twenty.component].component));`,
      resolveDir: ROOT,
      loader: 'tsx',
    },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [harnessPlugin],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The Twenty app's front components rendered with stubbed host functions, talking to a real
 * TrackFlow server through the app's route: a stand-in for Twenty's /s/ endpoint runs the same
 * forwarding code as the logic function, with the API key only on the server side.
 */
describe("the Twenty app's front components in a host harness", () => {
  let server: TestServer;
  let twenty: Server;
  let twentyUrl: string;
  let browser: Browser;
  let key: string;
  let script: string;
  const routeCalls: { authorized: boolean }[] = [];
  const seeded = { personId: 'person-grace', opportunityId: 'opportunity-globex', campaignName: 'Autumn webinar', linkTitle: 'Webinar invite', shortUrl: '' };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await TestServer.start();
    let workspaceId: string;
    ({ key, workspaceId } = await server.createKey());
    script = await buildHarness();
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { defaultShortlinkDomain } }`, { input: { defaultShortlinkDomain: server.url } });
    const { createCampaign } = await server.ok<{ createCampaign: { id: string } }>(key, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, {
      input: { name: seeded.campaignName, status: 'ACTIVE', budget: '900', currencyCode: 'EUR', source: 'linkedin', medium: 'social' },
    });
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string; shortUrl: string } }>(
      key,
      `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { shortCode shortUrl } }`,
      { input: { campaignId: createCampaign.id, destinationUrl: 'https://example.com/webinar', title: seeded.linkTitle, source: 'linkedin', medium: 'social' } },
    );
    seeded.shortUrl = createTrackedLink.shortUrl;
    await server.ok(key, `mutation { createAttributionModel(input: {name: "Even split", modelType: "LINEAR"}) { id } }`);
    const visitorId = '0b7f3c1e-5a2d-4e89-9c46-d1e8a3b5f702';
    expect((await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } })).status).toBe(302);
    await server.drainClicks();
    const record = `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id } }`;
    await server.ok(key, record, { input: { conversionType: 'lead', visitorId, personId: seeded.personId } });
    await server.ok(key, record, { input: { conversionType: 'deal', personId: seeded.personId, opportunityId: seeded.opportunityId, value: '4800', currencyCode: 'EUR' } });
    await readWebinarPages(workspaceId);
    // What the campaign refresh job would have done by the time someone opens TrackFlow in Twenty.
    await server.get(RollupsService).runWorkspace(workspaceId);
    await server.get(CampaignMetricsService).refreshWorkspace(workspaceId);

    twenty = createServer((request, response) => {
      void (async () => {
        if (request.method === 'POST' && request.url === '/s/trackflow/graphql') {
          const authorized = request.headers.authorization === `Bearer ${FRESH_TOKEN}`;
          routeCalls.push({ authorized });
          if (!authorized) return response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Token expired' }] }));
          const answer = await forwardGraphql({ url: server.url, apiKey: key }, JSON.parse(await readBody(request)));
          return response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        }
        if (request.url === '/harness.js') return response.writeHead(200, { 'content-type': 'application/javascript' }).end(script);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><meta charset="utf-8"><title>Twenty</title><link rel="icon" href="data:,"><div id="root"></div>');
      })();
    });
    await new Promise<void>((listening) => twenty.listen(0, '127.0.0.1', listening));
    twentyUrl = `http://127.0.0.1:${(twenty.address() as AddressInfo).port}`;
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
  });

  /** Two readers of the webinar pages over the last days, as the tracker reports them, for the Site analytics tab. */
  async function readWebinarPages(workspaceId: string): Promise<void> {
    const { updateWorkspace } = await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["example.com"]}) { publicKey } }`);
    const daysAgo = (days: number, minutes = 0) => Date.now() - days * 86_400_000 + minutes * 60_000;
    const page = (id: string, path: string, ts: number) => ({ id, type: 'pageview', url: `https://example.com${path}`, ts, properties: { viewportWidth: 1440, viewportHeight: 900, timezone: 'Europe/Berlin' } });
    const readers = [
      { visitorId: 'reader-from-linkedin-01', events: [page('pv-a-000001', '/webinar?utm_source=linkedin&utm_medium=social', daysAgo(3)), page('pv-a-000002', '/webinar/register', daysAgo(3, 2)), { id: 'cta-a-00001', type: 'cta', name: 'Save my seat', url: 'https://example.com/webinar/register', ts: daysAgo(3, 3) }] },
      { visitorId: 'reader-direct-000002', events: [page('pv-b-000001', '/webinar', daysAgo(1))] },
    ];
    for (const reader of readers) {
      const response = await fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://example.com', 'user-agent': BROWSER_UA },
        body: JSON.stringify({ key: updateWorkspace.publicKey, ...reader }),
      });
      expect(response.status).toBe(202);
    }
    await server.drainEvents();
    expect(Number((await server.dataSource.query(`SELECT count(*) FROM trackflow.visitor_session WHERE workspace_id = $1`, [workspaceId]))[0].count)).toBeGreaterThanOrEqual(2);
  }

  afterAll(async () => {
    await browser?.close();
    await new Promise((closed) => twenty?.close(closed));
    await server?.stop();
  });

  type HostRecord = { snackbars: { message: string; variant: string }[]; copied: string[]; sidePanelClosed: number; navigations: unknown[][] };

  /** Opens one component at a sidebar's width, as Twenty would mount it, and collects what the page logs. */
  async function mount(component: string, recordId: string | null): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && message.text() !== UNAUTHORIZED_LOG && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(twentyUrl);
    await page.evaluate(
      `globalThis.__twenty = ${JSON.stringify({ component, recordId, snackbars: [], copied: [], sidePanelClosed: 0, navigations: [] })};
       globalThis.process = { env: { TWENTY_API_URL: ${JSON.stringify(twentyUrl)}, TWENTY_APP_ACCESS_TOKEN: ${JSON.stringify(EXPIRED_TOKEN)} } };
       globalThis.frontComponentHostCommunicationApi = { requestAccessTokenRefresh: async () => ${JSON.stringify(FRESH_TOKEN)} };`,
    );
    await page.addScriptTag({ url: '/harness.js' });
    return { page, problems };
  }

  const hostRecord = (page: Page) => page.evaluate('globalThis.__twenty') as Promise<HostRecord>;

  it('shows campaigns and a campaign\'s links, and copies a short URL through the host', async () => {
    const { page, problems } = await mount('trackflow-page', null);
    await page.getByRole('button', { name: `Links of ${seeded.campaignName}` }).click();
    const card = page.getByRole('listitem', { name: seeded.linkTitle });
    await card.waitFor();
    expect(await card.locator('.tf-stat', { hasText: 'Clicks' }).locator('.tf-stat-value').textContent()).toBe('1');
    await card.getByRole('button', { name: `Copy short URL of ${seeded.linkTitle}` }).click();
    await page.waitForFunction('globalThis.__twenty.copied.length === 1');
    const host = await hostRecord(page);
    expect(host.copied).toEqual([seeded.shortUrl]);
    expect(host.snackbars).toEqual([{ message: `Copied ${seeded.shortUrl}`, variant: 'success' }]);
    // The app token had expired: the component asked the host for a fresh one and went on.
    expect(routeCalls.some((call) => !call.authorized) && routeCalls.some((call) => call.authorized)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'trackflow-page-links.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("charts a campaign's clicks and shows its ROI at sidebar width, with SVG that Twenty's worker can mirror", async () => {
    const { page, problems } = await mount('trackflow-page', null);
    const row = page.locator('tbody tr', { has: page.getByRole('button', { name: seeded.campaignName, exact: true }) });
    await row.waitFor();
    // The €4,800 deal against the €900 budget.
    expect(await row.evaluate((tr) => ['Revenue', 'Cost', 'ROI'].map((label) => tr.querySelector(`[data-label=${label}]`)?.textContent))).toEqual(['€4,800.00', '€900.00', '+433.3%']);
    await page.getByRole('button', { name: `Clicks over time of ${seeded.campaignName}` }).click();
    const panel = page.getByRole('region', { name: `Clicks over time of ${seeded.campaignName}` });
    const chart = panel.getByRole('img', { name: new RegExp(`^Clicks per day of ${seeded.campaignName}, last 30 days: 1 click, busiest day `) });
    await chart.waitFor();
    expect(await chart.evaluate((svg) => svg.classList.contains('tf-chart-narrow'))).toBe(true);
    const tags = await panel.locator('svg.tf-chart').evaluateAll((charts) => [...new Set(charts.flatMap((svg) => [svg, ...svg.querySelectorAll('*')].map((element) => element.tagName)))].sort());
    expect(tags.filter((tag) => !REMOTE_SVG_ELEMENTS.includes(tag))).toEqual([]);
    expect(tags).toEqual(expect.arrayContaining(['rect', 'text', 'title']));
    await panel.getByRole('button', { name: 'Show as a table' }).click();
    const days = await panel.getByRole('table', { name: `Clicks per day of ${seeded.campaignName}` }).locator('tbody tr').count();
    expect(days).toBe(30);
    expect(await page.evaluate(FITS_WIDTH)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'trackflow-page-campaign-chart.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("renames, reweighs and deletes a link's A/B variants, telling the user through Twenty's snackbar", async () => {
    const { page, problems } = await mount('trackflow-page', null);
    await page.getByRole('button', { name: `Links of ${seeded.campaignName}` }).click();
    const card = page.getByRole('listitem', { name: seeded.linkTitle });
    await card.getByRole('button', { name: /A\/B variants/ }).click();
    for (const [name, path] of [['Speaker photo', '/webinar-a'], ['Agenda first', '/webinar-b']]) {
      const form = card.getByRole('form', { name: `Add a variant to ${seeded.linkTitle}` });
      await form.getByLabel('Variant name').fill(name);
      await form.getByLabel('Destination', { exact: true }).fill(`https://example.com${path}`);
      await form.getByRole('button', { name: 'Add variant' }).click();
      await card.getByRole('row', { name: new RegExp(`^${name} `) }).waitFor();
    }
    await card.getByRole('button', { name: 'Edit variant Speaker photo' }).click();
    const edit = card.getByRole('form', { name: 'Edit variant Speaker photo' });
    await edit.getByLabel('Variant name').fill('Speaker video');
    await edit.getByLabel('Weight', { exact: true }).fill('3');
    await edit.getByRole('button', { name: 'Save variant' }).click();
    await card.getByRole('row', { name: /^Speaker video / }).waitFor();
    expect(await card.getByRole('row', { name: /^Speaker video / }).locator('[data-label=Traffic]').textContent()).toBe('75%');
    await page.screenshot({ path: join(ARTIFACTS, 'trackflow-page-variants.png'), fullPage: true });
    await card.getByRole('button', { name: 'Delete variant Agenda first' }).click();
    await card.getByRole('button', { name: 'Confirm deleting variant Agenda first' }).click();
    await card.getByRole('button', { name: 'A/B variants (1)' }).waitFor();
    expect((await hostRecord(page)).snackbars).toEqual([
      { message: 'Variant Speaker photo added', variant: 'success' },
      { message: 'Variant Agenda first added', variant: 'success' },
      { message: 'Variant Speaker video saved', variant: 'success' },
      { message: 'Variant Agenda first deleted: its visitors go to the other variants', variant: 'success' },
    ]);
    const { trackedLinks } = await server.ok<{ trackedLinks: { title: string; variants: { variantName: string; weight: number }[] }[] }>(key, `{ trackedLinks { title variants { variantName weight } } }`);
    expect(trackedLinks.find((link) => link.title === seeded.linkTitle)?.variants).toEqual([{ variantName: 'Speaker video', weight: 3 }]);
    expect(await page.evaluate(FITS_WIDTH)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'trackflow-page-variant-deleted.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the person's journey on the person's Journey tab", async () => {
    const { page, problems } = await mount('person-journey', seeded.personId);
    await page.getByText('Converted: deal').waitFor();
    expect(await page.locator('.tf-timeline').textContent()).toMatch(/Clicked link \/r\/.*Converted: lead/s);
    await page.screenshot({ path: join(ARTIFACTS, 'person-journey-tab.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the deal's credit on the opportunity's Attribution tab, and an empty state for a deal TrackFlow has not seen", async () => {
    const { page, problems } = await mount('opportunity-attribution', seeded.opportunityId);
    await page.getByRole('table', { name: 'Touchpoints, oldest first' }).waitFor();
    expect(await page.getByRole('table', { name: 'Touchpoints, oldest first' }).textContent()).toContain('4,800.00');
    await page.screenshot({ path: join(ARTIFACTS, 'opportunity-attribution-tab.png'), fullPage: true });
    const unknown = await mount('opportunity-attribution', 'opportunity-unknown');
    await unknown.page.getByText('TrackFlow has not seen this deal yet').waitFor();
    await unknown.page.screenshot({ path: join(ARTIFACTS, 'opportunity-attribution-unknown.png'), fullPage: true });
    expect([...problems, ...unknown.problems]).toEqual([]);
  });

  it('creates a tracked link from the command menu and closes the side panel', async () => {
    const { page, problems } = await mount('create-tracked-link', null);
    const form = page.getByRole('form', { name: 'New tracked link' });
    await form.getByLabel('Destination URL').fill('https://example.com/pricing');
    await form.getByLabel('Title').fill('Pricing from Twenty');
    await page.screenshot({ path: join(ARTIFACTS, 'create-tracked-link.png'), fullPage: true });
    await form.getByRole('button', { name: 'Create link' }).click();
    await page.waitForFunction('globalThis.__twenty.sidePanelClosed === 1');
    const host = await hostRecord(page);
    expect(host.snackbars[0]).toMatchObject({ variant: 'success', message: expect.stringMatching(/^Link http.*\/r\/\S+ created$/) });
    const { trackedLinks } = await server.ok<{ trackedLinks: { title: string | null }[] }>(key, `{ trackedLinks { title } }`);
    expect(trackedLinks.map((link) => link.title)).toContain('Pricing from Twenty');
    expect(problems).toEqual([]);
  });

  /** Opens one tab of the TrackFlow page; the page opens on campaigns. */
  async function openTab(name: string): Promise<{ page: Page; problems: string[] }> {
    const mounted = await mount('trackflow-page', null);
    const nav = mounted.page.getByRole('navigation', { name: 'TrackFlow' });
    expect(await nav.getByRole('button', { name: 'Campaigns & links' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('button', { name, exact: true }).click();
    expect(await nav.getByRole('button', { name, exact: true }).getAttribute('aria-current')).toBe('page');
    return mounted;
  }

  it("shows the period's overview on the TrackFlow page: figures, sparklines Twenty can mirror, and the campaign that earned the revenue", async () => {
    const { page, problems } = await openTab('Overview');
    await page.locator('.tf-kpis').waitFor();
    const kpi = (label: string) => page.locator(`[data-kpi="${label}"] .tf-kpi-value`).textContent();
    expect([await kpi('Clicks'), await kpi('Leads'), await kpi('Deals won'), await kpi('Revenue')]).toEqual(['1', '1', '1', '€4,800.00']);
    const campaigns = page.getByRole('list', { name: /^Top campaigns by revenue attributed under / });
    expect(await campaigns.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^${seeded.campaignName}€4,800\\.00 · 100%$`))]);
    const sparks = page.locator('svg.tf-spark');
    expect(await sparks.count()).toBe(3);
    expect(await sparks.first().getAttribute('aria-label')).toMatch(/^Clicks per day from .*: highest 1 on /);
    expect(await unmirrorableSvg(sparks)).toEqual([]);
    expect(await page.evaluate(FITS_WIDTH)).toBe(true);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-trackflow-overview')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('compares every model side by side on the TrackFlow page, with the CSV of what it shows', async () => {
    const { page, problems } = await openTab('Attribution report');
    const table = page.getByRole('table', { name: 'Credit per channel under every model' });
    await table.waitFor();
    const models = await table.locator('thead th').allTextContents();
    expect(models.slice(1, -1)).toEqual(expect.arrayContaining(['Even split', 'First touch', 'Last touch']));
    // One visitor with one touch: every model credits the same, so the spread is nil.
    const [row] = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((cell) => cell.textContent)));
    expect(row).toHaveLength(models.length - 1);
    expect(new Set(row.slice(0, -1))).toEqual(new Set([expect.stringMatching(/^1 · \d+%€4,800\.00$/)]));
    expect(row.at(-1)).toBe('0 pts');
    const csv = page.getByRole('link', { name: 'Download CSV' });
    expect(await csv.getAttribute('download')).toMatch(/^attribution-by-channel-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(decodeURIComponent((await csv.getAttribute('href')) ?? '')).toMatch(/^data:text\/csv;charset=utf-8,Channel,Currency,.*Even split: conversions/);
    expect(await page.evaluate(FITS_WIDTH)).toBe(true);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-trackflow-report')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("lists a campaign's conversions and opens the person's or the deal's record in Twenty, where the Journey and Attribution tabs are", async () => {
    const { page, problems } = await mount('trackflow-page', null);
    await page.getByRole('button', { name: `Conversions of ${seeded.campaignName}` }).click();
    const table = page.getByRole('table', { name: `Conversions of ${seeded.campaignName}, newest first` });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await table.getByRole('button', { name: /^Attribution of / }).click();
    await table.getByRole('button', { name: /^Journey of / }).first().click();
    await page.waitForFunction('globalThis.__twenty.navigations.length === 2');
    expect((await hostRecord(page)).navigations).toEqual([
      ['/object/:objectNameSingular/:objectRecordId', { objectNameSingular: 'opportunity', objectRecordId: seeded.opportunityId }],
      ['/object/:objectNameSingular/:objectRecordId', { objectNameSingular: 'person', objectRecordId: seeded.personId }],
    ]);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-trackflow-conversions')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'trackflow-page-conversions.png'), fullPage: true });
    await page.getByRole('button', { name: 'All campaigns' }).click();
    await page.getByRole('button', { name: `Conversions of ${seeded.campaignName}` }).waitFor();
    expect(problems).toEqual([]);
  });

  it("opens a link's analytics from its campaign and goes back to its links", async () => {
    const { page, problems } = await mount('trackflow-page', null);
    await page.getByRole('button', { name: `Links of ${seeded.campaignName}` }).click();
    await page.getByRole('button', { name: `${seeded.linkTitle}: analytics` }).click();
    await page.locator('[data-kpi="Clicks"] .tf-kpi-value', { hasText: '1' }).waitFor();
    expect(await page.locator('[data-kpi="Unique visitors"] .tf-kpi-value').textContent()).toBe('1');
    const chart = page.getByRole('region', { name: `Clicks over time of ${seeded.linkTitle}` }).locator('svg');
    expect(await chart.count()).toBeGreaterThan(0);
    expect(await unmirrorableSvg(chart)).toEqual([]);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-trackflow-link')).toEqual([]);
    await page.getByRole('button', { name: '← Links' }).click();
    await page.getByRole('listitem', { name: seeded.linkTitle }).waitFor();
    expect(problems).toEqual([]);
  });

  it("shows the site's visits on the Site analytics tab at sidebar width: figures, sparklines Twenty can mirror, pages, sources and CTAs", async () => {
    const { page, problems } = await openTab('Site analytics');
    await page.locator('[data-kpi="Visitors"] .tf-kpi-value', { hasText: '2' }).waitFor();
    const kpi = (label: string) => page.locator(`[data-kpi="${label}"] .tf-kpi-value`).textContent();
    expect([await kpi('Sessions'), await kpi('Page views'), await kpi('Bounce rate')]).toEqual(['2', '3', '50%']);
    // At this width the tables' rows are stacked as cards: their cells are read, not their lines.
    const rows = (caption: string) =>
      page.getByRole('table', { name: caption }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children as ArrayLike<{ textContent: string | null }>, (cell) => cell.textContent?.trim())));
    expect(await rows('Top pages')).toEqual([
      ['/webinar', '2', '2'],
      ['/webinar/register', '1', '1'],
    ]);
    expect(await rows('Calls to action')).toEqual([['Save my seat', '1', '1']]);
    expect((await rows('Sources')).map((row) => row[0])).toContain('linkedin');
    const sparks = page.locator('svg.tf-spark');
    expect(await sparks.count()).toBe(5);
    expect(await unmirrorableSvg(sparks)).toEqual([]);
    expect(await page.evaluate(FITS_WIDTH)).toBe(true);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-trackflow-site')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows the deal under every model side by side on the Attribution tab, as cards at side-panel width', async () => {
    const { page, problems } = await mount('opportunity-attribution', seeded.opportunityId);
    const table = page.getByRole('table', { name: 'The same deal under every model' });
    await table.waitFor();
    const models = await table.locator('thead th').allTextContents();
    expect(models).toEqual(expect.arrayContaining(['Channel', 'Even split']));
    const cells = await table.locator('tbody td').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-label'), td.textContent]));
    expect(cells.map(([model]) => model)).toEqual(models.slice(1));
    expect(cells.every(([, credit]) => credit === '100%€4,800.00')).toBe(true);
    expect(await page.evaluate(NOTHING_SCROLLS_SIDEWAYS)).toEqual([]);
    expect(await checkScreen(page, 'twenty-opportunity-attribution')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
