import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

const run = promisify(execFile);

const HEADER = 'date,campaign_id,campaign_name,adset_id,adset_name,ad_id,ad_name,impressions,clicks,spend,currency';
const FIRST_IMPORT = [
  HEADER,
  '2026-10-01,fb-c1,Autumn FB,fb-as1,Women,fb-ad1,Coat,1000,50,20.00,USD',
  '2026-10-01,fb-c1,Autumn FB,fb-as1,Women,fb-ad2,Scarf,500,10,10.00,USD',
  '2026-10-02,fb-c1,Autumn FB,fb-as1,Women,fb-ad1,Coat,800,30,15.00,USD',
  '2026-10-02,fb-c1,Autumn FB,fb-as1,Women,fb-ad3,Hat,80,3,abc,USD',
  '2026-13-01,fb-c1,Autumn FB,fb-as1,Women,fb-ad1,Coat,1,1,1.00,USD',
].join('\n');
// The 2nd again, corrected: it replaces that day (ad 1's 15.00 becomes 25.00); the 1st stays as it was.
const SECOND_IMPORT = [HEADER, '2026-10-02,fb-c1,Autumn FB,fb-as1,Women,fb-ad1,Coat,800,30,25.00,USD'].join('\n');

const AD_PERFORMANCE = `query($level: AdLevel!) { adPerformance(from: "2026-10-01T00:00:00Z", to: "2026-10-05T00:00:00Z", level: $level, platform: "facebook") {
  campaignId adsetId adId name currencyCode spend impressions adClicks sessions visitors trackedClicks conversions revenue costPerAcquisition roiPercentage } }`;

describe('ad spend: import, ROI and CPA', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let workspaceName: string;
  let directory: string;

  const importFile = async (name: string, text: string) => {
    const file = join(directory, name);
    await writeFile(file, text);
    return run(process.execPath, ['-r', join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), 'ads:import', file, '--workspace', workspaceName, '--platform', 'Facebook'], { env: process.env });
  };
  const spendRows = () =>
    server.dataSource.query(`SELECT date::text, ad_id, spend_micros FROM trackflow.ad_spend_fact WHERE workspace_id = $1 ORDER BY date, ad_id`, [workspaceId]);

  beforeAll(async () => {
    server = await TestServer.start();
    workspaceName = `ads-${Math.random().toString(36).slice(2)}`;
    ({ key, workspaceId } = await server.createKey(workspaceName));
    directory = await mkdtemp(join(tmpdir(), 'trackflow-ads-'));
  });
  afterAll(() => server.stop());

  it('imports a CSV from the command line, lists bad rows by line and reason, and a re-import replaces its days', async () => {
    const first = await importFile('first.csv', FIRST_IMPORT);
    expect(first.stderr).toContain('line 5: spend: must be a decimal amount with at most 13 integer digits and 6 decimals, e.g. 1500.50');
    expect(first.stderr).toContain('line 6: date: must be a calendar date written YYYY-MM-DD');
    expect(first.stderr).toMatch(/importing: 3\/3 rows/);
    expect(first.stdout).toContain('facebook: 3 of 5 row(s) imported, 2 bad row(s) left out.');
    expect(JSON.parse(first.stdout.trim().split('\n').pop() as string)).toMatchObject({ imported: 3, daysReplaced: 2, replacedRows: 0, spendByCurrency: [{ currencyCode: 'USD', amount: '45' }] });

    const second = await importFile('second.csv', SECOND_IMPORT);
    expect(JSON.parse(second.stdout.trim().split('\n').pop() as string)).toMatchObject({ imported: 1, daysReplaced: 1, replacedRows: 1, firstDate: '2026-10-02', badRows: [] });
    expect(await spendRows()).toEqual([
      { date: '2026-10-01', ad_id: 'fb-ad1', spend_micros: '20000000' },
      { date: '2026-10-01', ad_id: 'fb-ad2', spend_micros: '10000000' },
      { date: '2026-10-02', ad_id: 'fb-ad1', spend_micros: '25000000' },
    ]);
    const [ad] = await server.dataSource.query(`SELECT campaign_name, adset_name, ad_name, first_seen::text, last_seen::text FROM trackflow.ads_dim WHERE workspace_id = $1 AND ad_id = 'fb-ad1'`, [workspaceId]);
    expect(ad).toEqual({ campaign_name: 'Autumn FB', adset_name: 'Women', ad_name: 'Coat', first_seen: '2026-10-01', last_seen: '2026-10-02' });
  });

  it('imports through GraphQL with the analytics:write scope only', async () => {
    const IMPORT = `mutation($csv: String!) { importAdSpend(platform: "google_ads", csv: $csv, currencyCode: "EUR") { platform imported spendByCurrency { currencyCode amount } badRows { line reason } } }`;
    const csv = 'Day;Campaign ID;Cost\n2026-10-03;g-c1;4,50\n2026-10-03;;1\n';
    const reader = await server.createKey(workspaceName, ['analytics:read']);
    expect((await server.graphql(reader.key, IMPORT, { csv })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.ok<{ importAdSpend: unknown }>(key, IMPORT, { csv })).importAdSpend).toEqual({
      platform: 'google_ads',
      imported: 1,
      spendByCurrency: [{ currencyCode: 'EUR', amount: '4.5' }],
      badRows: [{ line: 3, reason: 'campaign_id: is required' }],
    });
    const refused = await server.graphql(key, IMPORT.replace('google_ads', 'Google Ads!'), { csv });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'platform' });
  });

  it('joins spend to landings and conversions by utm ids, and costs a campaign by its spend', async () => {
    const rows = new TrackingRows(server.dataSource, workspaceId);
    const campaign = await rows.campaign('Autumn', { budgetMicros: 999_000_000n, externalCampaignId: 'fb-c1' });
    const link = await rows.link(`ads${process.pid}`, campaign);
    for (const visitor of ['a1', 'a2', 'a3', 'abot']) await rows.visitor(visitor, '2026-10-01T00:00:00Z');
    const landing = await rows.session('a1', '2026-10-01T09:00:00Z', { ad: ['fb-c1', 'fb-as1', 'fb-ad1'] });
    await rows.click('a1', link, '2026-10-01T09:01:00Z', { campaignId: campaign, sessionId: landing });
    await rows.session('a2', '2026-10-02T09:00:00Z', { ad: ['fb-c1', 'fb-as1', 'fb-ad1'] });
    await rows.session('a3', '2026-10-01T10:00:00Z', { ad: ['fb-c1', 'fb-as1', 'fb-ad2'] });
    await rows.session('abot', '2026-10-01T11:00:00Z', { ad: ['fb-c1', 'fb-as1', 'fb-ad2'], isBot: true });
    await rows.conversion('deal', '2026-10-03T09:00:00Z', { visitorId: 'a1', opportunityId: 'ad-o1', valueMicros: 100_000_000n });
    await rows.conversion('deal', '2026-10-04T09:00:00Z', { visitorId: 'a3', opportunityId: 'ad-o2', valueMicros: 50_000_000n });

    const ads = (await server.ok<{ adPerformance: unknown[] }>(key, AD_PERFORMANCE, { level: 'AD' })).adPerformance;
    expect(ads).toEqual([
      { campaignId: 'fb-c1', adsetId: 'fb-as1', adId: 'fb-ad1', name: 'Coat', currencyCode: 'USD', spend: '45', impressions: 1800, adClicks: 80, sessions: 2, visitors: 2, trackedClicks: 1, conversions: 1, revenue: '100', costPerAcquisition: '45', roiPercentage: 122.2222 },
      { campaignId: 'fb-c1', adsetId: 'fb-as1', adId: 'fb-ad2', name: 'Scarf', currencyCode: 'USD', spend: '10', impressions: 500, adClicks: 10, sessions: 1, visitors: 1, trackedClicks: 0, conversions: 1, revenue: '50', costPerAcquisition: '10', roiPercentage: 400 },
    ]);
    const campaigns = (await server.ok<{ adPerformance: unknown[] }>(key, AD_PERFORMANCE, { level: 'CAMPAIGN' })).adPerformance;
    expect(campaigns).toEqual([
      { campaignId: 'fb-c1', adsetId: null, adId: null, name: 'Autumn FB', currencyCode: 'USD', spend: '55', impressions: 2300, adClicks: 90, sessions: 3, visitors: 3, trackedClicks: 1, conversions: 2, revenue: '150', costPerAcquisition: '27.5', roiPercentage: 172.7273 },
    ]);

    await server.get(RollupsService).runWorkspace(workspaceId);
    const stats = (
      await server.ok<{ campaignStats: unknown }>(
        key,
        `query($id: ID!) { campaignStats(campaignId: $id, from: "2026-10-01T00:00:00Z", to: "2026-10-05T00:00:00Z") { clicks conversions revenue cost costSource costPerClick costPerAcquisition roiPercentage } }`,
        { id: campaign },
      )
    ).campaignStats;
    expect(stats).toEqual({ clicks: 1, conversions: 1, revenue: '100', cost: '55', costSource: 'AD_SPEND', costPerClick: '55', costPerAcquisition: '55', roiPercentage: 81.8182 });
  });
});
