import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DemoStage, runDemo } from 'src/cli/demo/demo';
import { DEMO_CAMPAIGNS } from 'src/cli/demo/demo-traffic.util';
import { DESKTOP_CHROME_UA, launchChromium } from 'tests/support/browser';
import { signInToDashboard } from 'tests/support/dashboard-session';
import { checkScreen, SCREENSHOTS } from 'tests/support/screen-check';
import { TestServer } from 'tests/support/test-server';
import { startLocalTwenty, stopTwentyAfterWrites } from 'tests/support/twenty-connected';
import { withEnv } from 'tests/support/waiting';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

/** The widths the issue asks every screen to be seen at: a laptop and a phone. */
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

type Conversion = { conversionType: string; personId: string | null; personName: string | null; opportunityId: string | null };

/**
 * Every screen of /app in Chromium against a server filled by `npm run demo`, at desktop and phone
 * width: each shows what the demo made (checked against the GraphQL API where it is a figure), has
 * no serious accessibility violation, does not scroll sideways, and leaves a full-page screenshot in
 * test-artifacts/screens/demo-<screen>-<width>.png. The server's PUBLIC_BASE_URL is its own address,
 * so the links' short URLs and QR codes load as they would for a real deployment.
 */
describe('every screen of /app on the demo data', () => {
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const demo = { campaignId: '', personId: '', opportunityId: '', abLinkId: '', personName: '', variantNames: [] as string[], campaignNames: [] as string[] };
  const ok = <T,>(query: string, variables: Record<string, unknown> = {}) => server.ok<T>(key, query, variables);

  beforeAll(async () => {
    // The demo's webhook receiver listens on this machine, as the standalone demo's own server allows.
    server = await withEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }, () => TestServer.start({ servesPublicBaseUrl: true }));
    twenty = await startLocalTwenty();
    const stage: DemoStage = { server: server.running, twenty };
    ({ apiKey: key } = await runDemo(() => undefined, stage));

    const { campaigns } = await ok<{ campaigns: { id: string; name: string }[] }>('{ campaigns { id name } }');
    demo.campaignNames = campaigns.map((campaign) => campaign.name);
    expect(demo.campaignNames).toEqual(expect.arrayContaining(DEMO_CAMPAIGNS.map((campaign) => campaign.name)));
    demo.campaignId = campaigns.find((campaign) => campaign.name === 'Autumn newsletter')?.id ?? '';
    const { campaignConversions } = await ok<{ campaignConversions: Conversion[] }>(`query($id: ID!) { campaignConversions(campaignId: $id) { conversionType personId personName opportunityId } }`, { id: demo.campaignId });
    const deal = campaignConversions.find((conversion) => conversion.conversionType === 'deal' && conversion.personId && conversion.opportunityId);
    if (!deal?.personId || !deal.opportunityId) throw new Error('the demo credited no deal to the newsletter');
    Object.assign(demo, { personId: deal.personId, opportunityId: deal.opportunityId, personName: deal.personName ?? '' });
    const { trackedLinks } = await ok<{ trackedLinks: { id: string; variants: { variantName: string }[] }[] }>('{ trackedLinks { id variants { variantName } } }');
    const abLink = trackedLinks.find((link) => link.variants.length > 1);
    Object.assign(demo, { abLinkId: abLink?.id ?? '', variantNames: abLink?.variants.map((variant) => variant.variantName).sort() ?? [] });

    browser = await launchChromium({ userAgent: DESKTOP_CHROME_UA });
    page = await (await browser.newContext({ viewport: SIZES.desktop })).newPage();
    await signInToDashboard(page, server.url, key, problems);
    // The whole demo runs here: about 30 s on a quiet machine, several times that on a busy one.
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopTwentyAfterWrites(server, twenty);
  });

  /** Opens the screen at each width, waits for what it must show there, then checks and photographs it. */
  async function look(name: string, hash: string, shows: () => Promise<void>): Promise<void> {
    const found: string[] = [];
    for (const [width, size] of Object.entries(SIZES)) {
      await page.setViewportSize(size);
      await page.goto(`${server.url}/app#/${hash}`);
      await page.reload();
      // A screen that does not show what it must is photographed as it is, for whoever reads the failure.
      const failed = join(SCREENSHOTS, `demo-${name}-${width}-failed.png`);
      rmSync(failed, { force: true });
      await shows().catch(async (error: unknown) => {
        await page.screenshot({ path: failed, fullPage: true });
        throw error;
      });
      found.push(...(await checkScreen(page, `demo-${name}`, { [width]: size })));
    }
    expect(found).toEqual([]);
  }

  const table = (caption: string | RegExp) => page.getByRole('table', { name: caption });
  const text = async (locator: ReturnType<Page['locator']>) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('Overview: the top campaigns under the default model are campaigns the demo made', async () => {
    const names = demo.campaignNames;
    await look('overview', 'overview', async () => {
      const top = page.getByRole('list', { name: /^Top campaigns by revenue attributed under / });
      await top.getByRole('listitem').first().waitFor();
      const labels = await top.getByRole('listitem').allTextContents();
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.filter((label) => !names.some((name) => label.startsWith(name)))).toEqual([]);
    });
  });

  it("Campaigns: each demo campaign's clicks are the API's", async () => {
    const { campaigns } = await ok<{ campaigns: { name: string; totalClicks: number }[] }>('{ campaigns { name totalClicks } }');
    await look('campaigns', 'campaigns', async () => {
      for (const campaign of campaigns) {
        const clicks = page.locator('tbody tr', { has: page.getByRole('button', { name: campaign.name, exact: true }) }).locator('[data-label=Clicks]');
        expect(campaign.totalClicks).toBeGreaterThan(0);
        // The cell's first line is the count; a note of filtered clicks may follow it.
        expect(await clicks.evaluate((cell) => cell.firstChild?.textContent?.replace(/,/g, ''))).toBe(String(campaign.totalClicks));
      }
    });
  });

  it("A campaign's conversions: the newsletter's credited deal and its person", async () => {
    await look('campaign-conversions', `conversions/${demo.campaignId}/Autumn%20newsletter`, async () => {
      const rows = table('Conversions of Autumn newsletter, newest first').locator('tbody tr', { hasText: 'deal' });
      await rows.getByRole('button', { name: `Journey of ${demo.personName}` }).first().waitFor();
    });
  });

  it("A journey: the person's touches, ending in the deal", async () => {
    await look('journey', `journey/${demo.personId}`, async () => {
      await page.getByText('Converted: deal').first().waitFor();
      expect(await page.getByRole('list', { name: 'Journey, oldest first' }).getByRole('listitem').count()).toBeGreaterThan(1);
    });
  });

  it("A deal's attribution: its value credited under every model", async () => {
    const { opportunityAttribution } = await ok<{ opportunityAttribution: { byModel: { model: { name: string } }[] } }>(`query($id: String!) { opportunityAttribution(opportunityId: $id) { byModel { model { name } } } }`, { id: demo.opportunityId });
    await look('deal-attribution', `attribution/${demo.opportunityId}`, async () => {
      const everyModel = table('The same deal under every model');
      await everyModel.locator('tbody tr').first().waitFor();
      expect((await everyModel.locator('thead th').allTextContents()).slice(1)).toEqual(opportunityAttribution.byModel.map((entry) => entry.model.name));
    });
  });

  it("Links: every link's short URL is the API's, on this server, and its QR code loads", async () => {
    const { trackedLinks } = await ok<{ trackedLinks: { shortUrl: string }[] }>('{ trackedLinks { shortUrl } }');
    await look('links', 'links', async () => {
      const shown = page.locator('input.tf-short-url');
      await shown.first().waitFor();
      expect((await shown.evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))).sort()).toEqual(trackedLinks.map((link) => link.shortUrl).sort());
      expect(trackedLinks.filter((link) => !link.shortUrl.startsWith(`${server.url}/`))).toEqual([]);
      const qr = page.locator('.tf-qr img');
      await page.waitForFunction('[...document.querySelectorAll(".tf-qr img")].every((image) => image.complete)');
      expect(await qr.evaluateAll((images) => images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth > 0))).toEqual(trackedLinks.map(() => true));
    });
  });

  it("Link analytics: the A/B link's variants", async () => {
    expect(demo.variantNames).toEqual(['Long form', 'Short form']);
    await look('link-analytics', `link/${demo.abLinkId}`, async () => {
      const variants = table('Variants and their conversion rates');
      await variants.locator('tbody tr').first().waitFor();
      const names = await variants.locator('tbody tr > :first-child').allTextContents();
      expect(names.map((name) => name.trim()).sort()).toEqual(demo.variantNames);
    });
  });

  it('Attribution report: the demo campaigns credited under every model', async () => {
    await look('attribution-report', 'report', async () => {
      await page.getByLabel('Group by').selectOption('CAMPAIGN');
      const credit = table(/^Credit per campaign under every model/);
      await credit.locator('tbody tr').first().waitFor();
      const rows = await credit.locator('tbody th').allTextContents();
      expect(rows.filter((row) => !demo.campaignNames.some((name) => row.startsWith(name)))).toEqual([]);
    });
  });

  it('Site analytics: the pages the demo visitors browsed', async () => {
    await look('site-analytics', 'site', async () => {
      const pages = table('Top pages');
      await pages.locator('tbody tr').first().waitFor();
      expect(await text(pages.locator('tbody'))).toContain('/pricing');
    });
  });

  it('Admin, Settings: the privacy policy the demo set, in the log of changes', async () => {
    await look('admin-settings', 'admin/settings', async () => {
      const row = table('Who changed which setting, newest first').getByRole('row', { name: /Privacy policy link/ });
      await row.waitFor();
      expect(await text(row)).toContain('https://demo.trackflow.test/privacy');
    });
  });

  it("Admin, API keys: the demo's key", async () => {
    await look('admin-api-keys', 'admin/api-keys', () => table('API keys of this workspace').getByRole('rowheader', { name: /^demo/ }).waitFor());
  });

  it("Admin, Webhooks: the demo's subscription and its deliveries, as the API lists them", async () => {
    const { webhookDeliveries } = await ok<{ webhookDeliveries: { status: string }[] }>('{ webhookDeliveries(limit: 100) { status } }');
    expect(webhookDeliveries.length).toBeGreaterThan(0);
    await look('admin-webhooks', 'admin/webhooks', async () => {
      await table('Subscriptions').getByRole('rowheader', { name: 'conversion.created' }).waitFor();
      const deliveries = table('Deliveries, newest first').locator('tbody tr');
      await deliveries.first().waitFor();
      expect(await deliveries.count()).toBe(webhookDeliveries.length);
    });
  });

  it('Admin, Attribution models: the fitted data-driven models', async () => {
    await look('admin-attribution-models', 'admin/models', async () => {
      const models = table('Models');
      await models.getByRole('rowheader', { name: /^Markov chain/ }).waitFor();
      await models.getByRole('rowheader', { name: /^Shapley value/ }).waitFor();
    });
  });

  it('Admin, Ad spend: the Google Ads campaign imported today', async () => {
    await look('admin-ad-spend', 'admin/ad-spend', async () => {
      const spend = table('Spend, landings and conversions per platform campaign, ad set or ad');
      await spend.locator('tbody tr', { hasText: 'g-1001' }).first().waitFor();
    });
  });

  it("Admin, Link templates: the demo's template and its variables", async () => {
    await look('admin-link-templates', 'admin/link-templates', async () => {
      const row = table('Link templates').locator('tbody tr', { hasText: 'Newsletter article' });
      await row.waitFor();
      expect(await text(row)).toMatch(/slug.*issue|issue.*slug/);
    });
  });

  it("Admin, Domains: the demo's two domains, neither primary", async () => {
    await look('admin-domains', 'admin/domains', async () => {
      const domains = table('Short-link domains');
      await domains.locator('tbody tr').first().waitFor();
      expect((await domains.locator('tbody tr').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(
        expect.arrayContaining([expect.stringMatching(/^go\.demo-\S+\.demo\.trackflow\.test—yes ?X-Robots-Tag: noindex/), expect.stringMatching(/^links\.demo-[^ ]+\.demo\.trackflow\.test—yes—/)]),
      );
    });
  });

  it('Admin, Privacy: what TrackFlow holds about the person who won the deal', async () => {
    await look('admin-privacy', 'admin/privacy', async () => {
      const form = page.getByRole('form', { name: "Find a person's data" });
      await form.getByLabel('Find by').selectOption('personId');
      await form.getByLabel('Twenty person id').fill(demo.personId);
      await form.getByRole('button', { name: 'Look up' }).click();
      await page.getByRole('region', { name: `Data held about ${demo.personId}` }).waitFor();
    });
  });

  it("Admin, Twenty sync: connected to the demo's Twenty, which delivered", async () => {
    await look('admin-twenty-sync', 'admin/twenty', async () => {
      await page.getByText(twenty.url, { exact: true }).waitFor();
      expect(await page.getByText('none yet').count()).toBe(0);
    });
  });

  it('Admin, Queues: the queues and their counts as the API gives them', async () => {
    const { queues } = await ok<{ queues: { name: string; counts: { completed: number; failed: number } }[] }>('{ queues { name counts { completed failed } } }');
    expect(queues.some((queue) => queue.counts.completed > 0)).toBe(true);
    await look('admin-queues', 'admin/queues', async () => {
      const jobs = table('Jobs of each queue');
      await jobs.locator('tbody tr').first().waitFor();
      for (const queue of queues.filter((candidate) => candidate.counts.completed > 0)) {
        const completed = jobs.locator('tbody tr', { has: page.getByRole('rowheader', { name: queue.name, exact: true }) }).locator('[data-label=completed]');
        expect((await text(completed)).replace(/,/g, '')).toBe(String(queue.counts.completed));
      }
    });
  });

  it('logged no console error on any screen', () => {
    expect(problems).toEqual([]);
  });
});
