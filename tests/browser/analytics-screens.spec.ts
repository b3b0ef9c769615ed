import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { checkScreen } from 'tests/support/screen-check';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';
import { Comparison, comparisonCsv, comparisonRows, modelsToCompare } from '../../ui/src/attribution-comparison';
import { topByValue } from '../../ui/src/credit-rows';
import { FILTERED_EXPLANATION } from '../../ui/src/filtered-clicks';
import { formatCount, formatMoney, formatRoi } from '../../ui/src/format';
import { reportPeriod } from '../../ui/src/report-period';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 42;

type Seeded = { workspaceId: string; linkId: string; linkCode: string; variants: { blue: string; green: string }; botClicks: Date[] };

/**
 * Six weeks of a shop's marketing, written as the pipelines store it: three campaigns starting and
 * stopping, visitors who click, browse and sometimes become leads and won deals days later, a bot
 * that is never counted, an A/B test on one link, and ad spend imported for the paid campaign.
 */
async function seedHistory(server: TestServer, key: string, workspaceId: string): Promise<Seeded> {
  const rows = new TrackingRows(server.dataSource, workspaceId);
  const campaigns = [
    { name: 'Spring sale', code: 'spring', utm: { source: 'newsletter', medium: 'email', campaign: 'spring-sale' }, perDay: (day: number) => 2 + (day % 3), external: undefined },
    { name: 'Search ads', code: 'search', utm: { source: 'google', medium: 'cpc', campaign: 'search-ads' }, perDay: (day: number) => 1 + (day % 2), external: 'g-100' },
    { name: 'Social push', code: 'social', utm: { source: 'facebook', medium: 'social', campaign: 'social-push' }, perDay: (day: number) => (day < 20 ? 2 : 0), external: undefined },
  ];
  const seeded: Seeded = { workspaceId, linkId: '', linkCode: '', variants: { blue: '', green: '' }, botClicks: [] };
  const countries = ['US', 'FR', 'DE', 'GB'];
  const devices = [
    ['desktop', 'Chrome', 'Windows'],
    ['mobile', 'Safari', 'iOS'],
    ['desktop', 'Firefox', 'Linux'],
  ];
  let visitor = 0;
  let deals = 0;
  // Half the later campaigns' visitors read the newsletter days before: journeys of two touches, where the models disagree.
  let firstTouch: { linkId: string; campaignId: string; utm: { source: string; medium: string; campaign: string } } | undefined;
  for (const campaign of campaigns) {
    const campaignId = await rows.campaign(campaign.name, { externalCampaignId: campaign.external });
    // Short codes are unique per domain across workspaces, and the test database outlives a run.
    const code = `${campaign.code}${randomUUID().slice(0, 8)}`;
    const linkId = await rows.link(code, campaignId);
    const variants = campaign.code === 'spring' ? [await rows.variant(linkId, 'Blue hero'), await rows.variant(linkId, 'Green hero')] : [];
    if (campaign.code === 'spring') seeded.variants = { blue: variants[0], green: variants[1] };
    if (campaign.code === 'spring') Object.assign(seeded, { linkId, linkCode: code });
    const earlier = firstTouch;
    firstTouch ??= { linkId, campaignId, utm: campaign.utm };
    for (let day = HISTORY_DAYS; day >= 0; day -= 1) {
      for (let n = 0; n < campaign.perDay(day); n += 1) {
        visitor += 1;
        const at = new Date(Date.now() - day * DAY_MS - (n + 1) * 3_600_000);
        const id = `visitor-${visitor}`;
        const [deviceType, browser, os] = devices[visitor % devices.length];
        const country = countries[visitor % countries.length];
        const pageViews = 1 + (visitor % 3);
        await rows.visitor(id, at.toISOString());
        const sessionId = await rows.session(id, at.toISOString(), {
          pageViews, durationSeconds: 20 * pageViews, isBounce: pageViews === 1, source: campaign.utm.source, entryPage: `https://shop.example/landing/${campaign.code}?utm_source=x`, country,
        });
        const variantId = variants.length > 0 ? variants[visitor % 2] : undefined;
        await rows.click(id, linkId, at.toISOString(), {
          campaignId, variantId, sessionId, isQr: visitor % 5 === 0, referrer: visitor % 4 === 0 ? undefined : `https://www.${campaign.utm.source}.com/post`, deviceType, browser, os, country, utm: campaign.utm,
        });
        if (earlier && visitor % 2 === 0) {
          await rows.click(id, earlier.linkId, new Date(at.getTime() - 3 * DAY_MS).toISOString(), { campaignId: earlier.campaignId, variantId: seeded.variants.blue, utm: earlier.utm, deviceType, browser, os, country });
        }
        const paths = ['/landing', '/pricing', '/checkout'].slice(0, pageViews);
        for (const [index, path] of paths.entries()) await rows.event(id, sessionId, 'pageview', new Date(at.getTime() + index * 10_000).toISOString(), { path });
        if (visitor % 4 === 0) await rows.event(id, sessionId, 'cta', new Date(at.getTime() + 5_000).toISOString(), { name: visitor % 8 === 0 ? 'Buy now' : 'Book a demo' });
        // Blue converts about twice as often as green: the A/B verdict has something to find.
        const converts = variantId ? (variantId === variants[0] ? visitor % 3 !== 0 : visitor % 3 === 0) : visitor % 3 === 0;
        const convertedAt = new Date(at.getTime() + 30 * 60_000);
        if (converts && convertedAt.getTime() < Date.now()) {
          await rows.conversion('lead', convertedAt.toISOString(), { visitorId: id, personId: `person-${visitor}` });
          if (visitor % 7 < 2) {
            deals += 1;
            await rows.conversion('deal', new Date(convertedAt.getTime() + 60_000).toISOString(), { visitorId: id, personId: `person-${visitor}`, opportunityId: `deal-${deals}`, valueMicros: BigInt(1000 + 250 * (deals % 5)) * 1_000_000n });
          }
        }
      }
      // A crawler follows the newsletter link every day: stored, never counted.
      if (campaign.code === 'spring') {
        const at = new Date(Date.now() - day * DAY_MS - 1_800_000);
        await rows.click(null, linkId, at.toISOString(), { campaignId, isBot: true });
        seeded.botClicks.push(at);
      }
    }
  }
  const csv = ['date,campaign_id,spend', ...Array.from({ length: HISTORY_DAYS }, (_, index) => `${new Date(Date.now() - (index + 1) * DAY_MS).toISOString().slice(0, 10)},g-100,${20 + (index % 4) * 5}.00`)].join('\n');
  await server.ok(key, `mutation($csv: String!) { importAdSpend(platform: "google", csv: $csv, currencyCode: "USD") { imported } }`, { csv });
  // Whole past days from the rollups, today from raw rows: the screens read both.
  await server.get(RollupsService).runWorkspace(workspaceId);
  return seeded;
}

describe('the analytics screens at /app', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let key: string;
  let seeded: Seeded;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    const created = await server.createKey();
    key = created.key;
    // The links list shows QR codes of the short URLs: they must point at this very server.
    await server.ok(key, `mutation($input: UpdateSettingsInput!) { updateSettings(input: $input) { defaultShortlinkDomain } }`, { input: { defaultShortlinkDomain: server.url } });
    seeded = await seedHistory(server, key, created.workspaceId);
    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    // The dashboard's CSP allows no inline script, which is how checkScreen brings axe-core in.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${server.url}/app`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const kpi = (label: string) => page.locator(`[data-kpi="${label}"]`);
  const kpiTexts = async (label: string) => [await kpi(label).locator('.tf-kpi-value').textContent(), await kpi(label).locator('.tf-kpi-before').first().textContent()];

  it('opens on the overview: the figures of the last 30 days in the browser\'s zone, beside the 30 days before, as the API gives them', async () => {
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    await kpi('Clicks').waitFor();
    const chosen = reportPeriod({ preset: '30d', timeZone: 'Europe/Paris', customFrom: '', customTo: '' }, new Date());
    if (!('period' in chosen)) throw new Error('no period');
    const { period } = chosen;
    const { analyticsOverview: api, byCampaign, byChannel } = await server.ok<{
      analyticsOverview: { current: Record<string, number | string | null>; previous: Record<string, number | string | null>; series: { clicks: number }[]; filteredClicks: { bots: number; internal: number } };
      byCampaign: { modelName: string; rows: { key: string; label: string; currencyCode: string; value: string }[] };
      byChannel: { modelName: string; rows: { key: string; label: string; currencyCode: string; value: string }[] };
    }>(
      key,
      `query($from: DateTime!, $to: DateTime!) {
        analyticsOverview(from: $from, to: $to, interval: DAY, timeZone: "Europe/Paris") {
          current { clicks visitors leads dealsWon revenue cost roiPercentage currencyCode } previous { clicks visitors leads dealsWon revenue cost roiPercentage } series { clicks } filteredClicks { bots internal } }
        byCampaign: attributionReport(from: $from, to: $to, groupBy: CAMPAIGN) { modelName rows { key label currencyCode value } }
        byChannel: attributionReport(from: $from, to: $to, groupBy: CHANNEL) { modelName rows { key label currencyCode value } } }`,
      { from: period.from.toISOString(), to: period.to.toISOString() },
    );
    // The seed is busy enough that every figure means something.
    expect(api.current.clicks).toBeGreaterThan(50);
    expect(seeded.linkId).not.toBe('');
    expect(api.previous.clicks).toBeGreaterThan(0);
    expect(api.current.dealsWon).toBeGreaterThan(0);
    expect(api.current.cost).not.toBeNull();
    expect(api.series).toHaveLength(30);
    expect(api.series.reduce((sum, point) => sum + point.clicks, 0)).toBe(api.current.clicks);
    const money = (value: unknown) => formatMoney(String(value), String(api.current.currencyCode), 'en-US');
    for (const [label, field, show] of [
      ['Clicks', 'clicks', (value: unknown) => formatCount(Number(value), 'en-US')],
      ['Visitors', 'visitors', (value: unknown) => formatCount(Number(value), 'en-US')],
      ['Leads', 'leads', (value: unknown) => formatCount(Number(value), 'en-US')],
      ['Deals won', 'dealsWon', (value: unknown) => formatCount(Number(value), 'en-US')],
      ['Revenue', 'revenue', money],
      ['Cost', 'cost', money],
      ['ROI', 'roiPercentage', (value: unknown) => formatRoi(value as number, 'en-US')],
    ] as const) {
      const [now, before] = await kpiTexts(label);
      expect([label, now]).toEqual([label, show(api.current[field])]);
      expect(before).toContain(`previous period ${show(api.previous[field])}`);
    }
    for (const [name, report] of [
      ['Top campaigns', byCampaign],
      ['Top channels', byChannel],
    ] as const) {
      const list = page.getByRole('list', { name: `${name} by revenue attributed under ${report.modelName}` });
      const expected = topByValue(report.rows, String(api.current.currencyCode), 5).map(({ row }) => `${row.label}${formatMoney(row.value, row.currencyCode, 'en-US')}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(await list.getByRole('listitem').evaluateAll((items) => items.map((item) => (item.textContent ?? '').split(' · ')[0]))).toEqual(expected);
    }
    // The crawler's clicks of the period: stored, not counted, and said so with the campaigns' explanation.
    const bots = seeded.botClicks.filter((at) => at >= period.from && at < period.to).length;
    expect(bots).toBeGreaterThan(20);
    expect(api.filteredClicks).toEqual({ bots, internal: 0 });
    expect(await page.locator('.tf-filtered').textContent()).toBe(`Clicks in this period: ${bots} filtered (${bots} bots). ${FILTERED_EXPLANATION}`);
    expect(await page.getByRole('img', { name: /^Clicks per day from / }).count()).toBe(1);
    expect(await checkScreen(page, 'overview')).toEqual([]);
  });

  it('switches the attribution model of the top campaigns and channels', async () => {
    await server.ok(key, `mutation { createAttributionModel(input: {name: "Even split", modelType: "LINEAR"}) { id } }`);
    await page.reload();
    await page.getByLabel('Attribution model').selectOption({ label: 'Even split' });
    await page.getByRole('list', { name: 'Top channels by revenue attributed under Even split' }).waitFor();
  });

  it('compares any period in any zone, says when a period is empty and refuses a custom period ending before it starts', async () => {
    await page.getByLabel('Time zone').selectOption('UTC');
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 7 days' });
    await page.getByRole('img', { name: /^Clicks per day from / }).waitFor();
    const chosen = reportPeriod({ preset: '7d', timeZone: 'UTC', customFrom: '', customTo: '' }, new Date());
    if (!('period' in chosen)) throw new Error('no period');
    const { analyticsOverview } = await server.ok<{ analyticsOverview: { current: { clicks: number } } }>(key, `query($from: DateTime!, $to: DateTime!) { analyticsOverview(from: $from, to: $to, timeZone: "UTC") { current { clicks } } }`, {
      from: chosen.period.from.toISOString(),
      to: chosen.period.to.toISOString(),
    });
    await kpi('Clicks').locator('.tf-kpi-value', { hasText: new RegExp(`^${formatCount(analyticsOverview.current.clicks, 'en-US')}$`) }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Custom' });
    await page.getByLabel('From').fill('2020-02-01');
    await page.getByLabel('To').fill('2020-01-01');
    await page.getByText('To must be on or after From').waitFor();
    expect(await page.getByLabel('To').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('To').fill('2020-02-07');
    await page.getByText('Nothing happened in this period').waitFor();
    expect(await checkScreen(page, 'overview-empty')).toEqual([]);
  });

  it('compares every model side by side per channel and campaign, with the spread, and exports what it shows as CSV', async () => {
    const { createAttributionModel: markov } = await server.ok<{ createAttributionModel: { id: string } }>(key, `mutation { createAttributionModel(input: {name: "Journeys learnt", modelType: "MARKOV"}) { id } }`);
    await server.ok(key, `mutation($id: ID!) { fitAttributionModel(id: $id) { id } }`, { id: markov.id });
    await page.goto(`${server.url}/app#/report`);
    const table = page.getByRole('table', { name: 'Credit per channel under every model' });
    await table.waitFor({ timeout: 30_000 });
    const chosen = reportPeriod({ preset: '30d', timeZone: 'Europe/Paris', customFrom: '', customTo: '' }, new Date());
    if (!('period' in chosen)) throw new Error('no period');
    const { attributionModels } = await server.ok<{ attributionModels: { id: string; modelType: string; isActive: boolean; fittedAt: string; fittedModel: { inputs: { journeys: number } } | null }[] }>(
      key,
      `{ attributionModels { id modelType isActive fittedAt fittedModel } }`,
    );
    const { compareAttributionModels: api } = await server.ok<{ compareAttributionModels: Comparison }>(
      key,
      `query($from: DateTime!, $to: DateTime!, $models: [String!]!) { compareAttributionModels(from: $from, to: $to, groupBy: CHANNEL, models: $models) {
        reports { modelId modelName modelType marketingInfluencedConversions } rows { key label currencyCode spread byModel { conversions value } } } }`,
      { from: chosen.period.from.toISOString(), to: chosen.period.to.toISOString(), models: modelsToCompare(attributionModels) },
    );
    expect(api.reports.map((report) => report.modelType)).toEqual(expect.arrayContaining(['LAST_TOUCH', 'LINEAR', 'MARKOV', 'FIRST_TOUCH', 'TIME_DECAY', 'POSITION_BASED']));
    const rows = comparisonRows(api);
    expect(rows.length).toBeGreaterThan(1);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Channel', ...api.reports.map((report) => report.modelName), 'Spread']);
    expect(await table.locator('tbody th').allTextContents()).toEqual(rows.map((row) => row.label));
    expect(await table.locator('tbody td[data-label=Spread]').allTextContents()).toEqual(rows.map((row) => `${formatCount(Math.round(row.shareSpread * 1000) / 10, 'en-US')} pts`));
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = decodeURIComponent(String(href).replace(/^data:text\/csv;charset=utf-8,/, ''));
    expect(csv).toBe(comparisonCsv(api, rows, 'Channel'));
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
    expect(await page.getByRole('list', { name: /^Share of .* under every model$/ }).count()).toBe(Math.min(6, rows.length));
    expect(await checkScreen(page, 'attribution-report')).toEqual([]);

    const fitted = attributionModels.find((model) => model.id === markov.id);
    const fit = page.locator('.tf-fit', { hasText: 'Journeys learnt' });
    expect(await fit.textContent()).toContain(`on ${formatCount(fitted?.fittedModel?.inputs.journeys ?? -1, 'en-US')} journeys`);
    await page.getByRole('button', { name: 'Refit Journeys learnt' }).click();
    await page.getByRole('status').filter({ hasText: 'Journeys learnt fitted again' }).waitFor();
    const { attributionModel } = await server.ok<{ attributionModel: { fittedAt: string } }>(key, `query($id: ID!) { attributionModel(id: $id) { fittedAt } }`, { id: markov.id });
    expect(Date.parse(attributionModel.fittedAt)).toBeGreaterThan(Date.parse(fitted?.fittedAt ?? ''));

    await page.getByLabel('Group by').selectOption({ label: 'Campaign' });
    const byCampaign = page.getByRole('table', { name: 'Credit per campaign under every model' });
    await byCampaign.waitFor({ timeout: 30_000 });
    expect(await byCampaign.locator('tbody th').allTextContents()).toEqual(expect.arrayContaining(['spring-sale', 'search-ads', 'social-push']));
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Custom' });
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByText('No conversion with a marketing touch in this period').waitFor({ timeout: 30_000 });
  });

  it("shows the site's visitors, sessions, bounce rate, duration and page views with its top pages, entry pages, sources, CTAs and countries", async () => {
    await page.goto(`${server.url}/app#/site`);
    await page.getByRole('table', { name: 'Entry pages' }).waitFor();
    const chosen = reportPeriod({ preset: '30d', timeZone: 'Europe/Paris', customFrom: '', customTo: '' }, new Date());
    if (!('period' in chosen)) throw new Error('no period');
    const { siteAnalytics: api } = await server.ok<{
      siteAnalytics: {
        totals: { visitors: number; sessions: number; pageViews: number; bounceRate: number };
        topPages: { path: string }[]; topEntryPages: { path: string; sessions: number }[]; topSources: { source: string }[]; topCtas: { name: string }[]; topCountries: { country: string; sessions: number }[];
      };
    }>(
      key,
      `query($from: DateTime!, $to: DateTime!) { siteAnalytics(from: $from, to: $to, timeZone: "Europe/Paris") {
        totals { visitors sessions pageViews bounceRate } topPages { path } topEntryPages { path sessions } topSources { source } topCtas { name } topCountries { country sessions } } }`,
      { from: chosen.period.from.toISOString(), to: chosen.period.to.toISOString() },
    );
    expect(api.totals.sessions).toBeGreaterThan(50);
    expect(api.topEntryPages.map((row) => row.path)).toEqual(expect.arrayContaining(['/landing/spring', '/landing/search']));
    expect(api.topCountries).toHaveLength(4);
    expect(await kpi('Visitors').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.totals.visitors, 'en-US'));
    expect(await kpi('Sessions').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.totals.sessions, 'en-US'));
    expect(await kpi('Page views').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.totals.pageViews, 'en-US'));
    const firstColumn = (caption: string) => page.getByRole('table', { name: caption, exact: true }).locator('tbody th').allTextContents();
    expect(await firstColumn('Top pages')).toEqual(api.topPages.map((row) => row.path));
    expect(await firstColumn('Entry pages')).toEqual(api.topEntryPages.map((row) => row.path));
    expect(await firstColumn('Sources')).toEqual(api.topSources.map((row) => row.source));
    expect(await firstColumn('Calls to action')).toEqual(api.topCtas.map((row) => row.name));
    expect(await firstColumn('Countries')).toEqual(api.topCountries.map((row) => row.country));
    expect(await page.getByRole('img', { name: /^Bounce rate per day from / }).count()).toBe(1);
    expect(await checkScreen(page, 'site-analytics')).toEqual([]);
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Custom' });
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByText('No visits in this period').waitFor();
  });

  it("opens a link from the list: its clicks over time, breakdowns and its A/B test's verdict, as the API gives them", async () => {
    await page.goto(`${server.url}/app#/links`);
    await page.getByRole('button', { name: `${seeded.linkCode}: analytics` }).click();
    await page.getByRole('heading', { name: 'A/B variants' }).waitFor();
    expect(page.url()).toContain(`#/link/${seeded.linkId}`);
    const chosen = reportPeriod({ preset: '30d', timeZone: 'Europe/Paris', customFrom: '', customTo: '' }, new Date());
    if (!('period' in chosen)) throw new Error('no period');
    type Row = { key: string; clicks: number; uniqueVisitors: number };
    const { linkAnalytics: api } = await server.ok<{
      linkAnalytics: {
        clicks: number; uniqueVisitors: number; conversions: number; devices: Row[]; countries: Row[]; qrVsLink: Row[];
        variants: { variantId: string; variantName: string; uniqueVisitors: number; conversions: number; conversionRate: number; probabilityBest: number }[];
        abTest: { leaderVariantId: string; verdictReached: boolean; visitorsNeeded: number | null };
      };
    }>(
      key,
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { linkAnalytics(linkId: $id, from: $from, to: $to, timeZone: "Europe/Paris") {
        clicks uniqueVisitors conversions devices { key clicks uniqueVisitors } countries { key clicks uniqueVisitors } qrVsLink { key clicks uniqueVisitors }
        variants { variantId variantName uniqueVisitors conversions conversionRate probabilityBest } abTest { leaderVariantId verdictReached visitorsNeeded } } }`,
      { id: seeded.linkId, from: chosen.period.from.toISOString(), to: chosen.period.to.toISOString() },
    );
    expect(await kpi('Clicks').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.clicks, 'en-US'));
    expect(await kpi('Unique visitors').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.uniqueVisitors, 'en-US'));
    expect(await kpi('Conversions').locator('.tf-kpi-value').textContent()).toBe(formatCount(api.conversions, 'en-US'));
    // Both variants were clicked, and blue converts better by construction.
    const [blue, green] = [seeded.variants.blue, seeded.variants.green].map((id) => api.variants.find((variant) => variant.variantId === id));
    expect(blue?.uniqueVisitors).toBeGreaterThan(10);
    expect(green?.uniqueVisitors).toBeGreaterThan(10);
    expect(api.abTest.leaderVariantId).toBe(seeded.variants.blue);
    expect((blue?.probabilityBest ?? 0) + (green?.probabilityBest ?? 0)).toBeCloseTo(1, 6);
    const variants = page.getByRole('table', { name: 'Variants and their conversion rates' });
    const shown = await variants.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)));
    const percent = (ratio: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
    expect(shown.map((cells) => [cells[0], cells[3], cells[4], cells[5]])).toEqual(
      api.variants.map((variant) => [variant.variantName, formatCount(variant.conversions, 'en-US'), percent(variant.conversionRate / 100), percent(variant.probabilityBest)]),
    );
    const verdict = await page.getByRole('status', { name: 'A/B verdict' }).textContent();
    expect(verdict).toContain(api.abTest.verdictReached ? 'Blue hero converts best' : 'No verdict yet');
    if (!api.abTest.verdictReached && api.abTest.visitorsNeeded !== null) expect(verdict).toContain(`About ${formatCount(api.abTest.visitorsNeeded, 'en-US')} more visitors`);
    expect(verdict).toContain('Beta(1 + conversions');
    for (const [caption, rows] of [
      ['Devices', api.devices],
      ['Countries', api.countries],
    ] as const) {
      const table = page.getByRole('table', { name: caption, exact: true });
      expect(await table.locator('tbody th').allTextContents()).toEqual(rows.map((row) => row.key));
      expect(await table.locator('tbody td[data-label=Clicks]').allTextContents()).toEqual(rows.map((row) => formatCount(row.clicks, 'en-US')));
    }
    expect(await page.getByRole('table', { name: 'QR code or link' }).locator('tbody th').allTextContents()).toEqual(api.qrVsLink.map((row) => (row.key === 'qr' ? 'QR code scans' : 'Link clicks')));
    await page.getByRole('img', { name: new RegExp(`^Clicks per day of ${seeded.linkCode}, last 30 days: `) }).first().waitFor();
    expect(await checkScreen(page, 'link-detail')).toEqual([]);

    await page.goto(`${server.url}/app#/link/00000000-0000-4000-8000-000000000000`);
    await page.getByText('No such link').waitFor();
    expect(await checkScreen(page, 'link-detail-not-found')).toEqual([]);
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
