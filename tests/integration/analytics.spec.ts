import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

// New York's days are rolled up besides UTC's; Kolkata's are not, so its queries are answered from raw rows.
process.env.ANALYTICS_TIME_ZONES = 'America/New_York';

const CAMPAIGN_STATS = `query($id: ID!, $from: DateTime!, $to: DateTime!, $tz: String) { campaignStats(campaignId: $id, from: $from, to: $to, timeZone: $tz) {
  clicks uniqueVisitors sessions conversions leads deals currencyCode revenue revenueByCurrency { currencyCode amount }
  conversionRate cost costSource costPerClick costPerAcquisition roiPercentage } }`;
const LINK_ANALYTICS = `query($id: ID!, $from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $tz: String) {
  linkAnalytics(linkId: $id, from: $from, to: $to, interval: $interval, timeZone: $tz) {
    clicks uniqueVisitors conversions conversionRate series { label start clicks uniqueVisitors }
    referrers { key clicks uniqueVisitors } devices { key clicks uniqueVisitors } browsers { key clicks uniqueVisitors }
    operatingSystems { key clicks uniqueVisitors } countries { key clicks uniqueVisitors } qrVsLink { key clicks uniqueVisitors }
    variants { variantName clicks uniqueVisitors conversions conversionRate } } }`;
const SERIES = `query($id: ID!, $from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $tz: String) {
  linkAnalytics(linkId: $id, from: $from, to: $to, interval: $interval, timeZone: $tz) { clicks uniqueVisitors series { label clicks uniqueVisitors } } }`;
const CAMPAIGN_ANALYTICS = `query($id: ID!, $from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $tz: String) {
  campaignAnalytics(campaignId: $id, from: $from, to: $to, interval: $interval, timeZone: $tz) { name interval clicks uniqueVisitors series { label start clicks uniqueVisitors } } }`;
const SITE_ANALYTICS = `query($from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $tz: String) { siteAnalytics(from: $from, to: $to, interval: $interval, timeZone: $tz) {
  totals { visitors sessions bounces bounceRate pageViews formStarts formSubmits ctaClicks exits averageSessionSeconds }
  series { label visitors sessions bounces pageViews formStarts formSubmits ctaClicks exits averageSessionSeconds }
  topPages { path pageViews uniqueVisitors } topCtas { name clicks uniqueVisitors } topSources { source sessions uniqueVisitors bounceRate } } }`;

type Point = { label: string; clicks: number; uniqueVisitors: number };

const OCTOBER = { from: '2026-10-01T00:00:00Z', to: '2026-10-10T00:00:00Z' };
const LINK_WEEK = { from: '2026-10-04T00:00:00Z', to: '2026-10-09T00:00:00Z' };

describe('analytics over a hand-made history', () => {
  let server: TestServer;
  let key: string;
  let otherKey: string;
  let workspaceId: string;
  let rows: TrackingRows;
  const ids: Record<string, string> = {};

  const rollUp = () => server.get(RollupsService).runWorkspace(workspaceId);
  const campaignStats = async (range: { from: string; to: string }, tz?: string) =>
    (await server.ok<{ campaignStats: Record<string, unknown> }>(key, CAMPAIGN_STATS, { id: ids.campaign, ...range, tz })).campaignStats;
  const linkAnalytics = async (interval: string, range: { from: string; to: string }, tz?: string) =>
    (await server.ok<{ linkAnalytics: Record<string, unknown> & { series: Point[] } }>(key, LINK_ANALYTICS, { id: ids.l1, interval, ...range, tz })).linkAnalytics;
  const series = async (interval: string, range: { from: string; to: string }, tz?: string) =>
    (await server.ok<{ linkAnalytics: { clicks: number; uniqueVisitors: number; series: Point[] } }>(key, SERIES, { id: ids.l1, interval, ...range, tz })).linkAnalytics;
  const campaignAnalytics = async (interval: string, range: { from: string; to: string }, tz?: string) =>
    (await server.ok<{ campaignAnalytics: { clicks: number; uniqueVisitors: number; series: (Point & { start: string })[] } }>(key, CAMPAIGN_ANALYTICS, { id: ids.campaign, interval, ...range, tz }))
      .campaignAnalytics;
  const siteAnalytics = async (interval: string, range: { from: string; to: string }, tz?: string) =>
    (await server.ok<{ siteAnalytics: Record<string, unknown> }>(key, SITE_ANALYTICS, { interval, ...range, tz })).siteAnalytics;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    rows = new TrackingRows(server.dataSource, workspaceId);
    ids.campaign = await rows.campaign('Autumn', { budgetMicros: 500_000_000n });
    ids.l1 = await rows.link(`au1${process.pid}`, ids.campaign);
    ids.l2 = await rows.link(`au2${process.pid}`, ids.campaign);
    ids.a = await rows.variant(ids.l1, 'A');
    ids.b = await rows.variant(ids.l1, 'B');
    await rows.visitor('v1', '2026-10-05T10:00:00Z', { personId: 'p1' });
    await rows.visitor('v2', '2026-10-05T23:30:00Z');
    await rows.visitor('v3', '2026-10-08T15:00:00Z');
    await rows.visitor('bot', '2026-10-05T12:00:00Z', { isBot: true });
    await rows.visitor('staff', '2026-10-06T09:00:00Z', { isInternal: true });

    const desktop = { deviceType: 'desktop', browser: 'Chrome', os: 'Windows', country: 'FR' };
    const mobile = { deviceType: 'mobile', browser: 'Safari', os: 'iOS' };
    const google = 'https://www.google.com/search?q=autumn';
    const c = ids.campaign;
    await rows.click('v1', ids.l1, '2026-10-05T10:00:00Z', { ...desktop, campaignId: c, variantId: ids.a, referrer: google, sessionId: await rows.session('v1', '2026-10-05T10:00:00Z') });
    const v1Second = await rows.session('v1', '2026-10-06T10:00:00Z');
    await rows.click('v1', ids.l1, '2026-10-06T10:00:00Z', { ...desktop, campaignId: c, variantId: ids.a, referrer: google, sessionId: v1Second });
    await rows.click('v1', ids.l2, '2026-10-06T10:20:00Z', { ...desktop, campaignId: c, sessionId: v1Second });
    // 23:30 UTC on the 5th and 03:30 UTC on the 6th: two UTC days, one New York day.
    await rows.click('v2', ids.l1, '2026-10-05T23:30:00Z', { ...mobile, campaignId: c, variantId: ids.b, sessionId: await rows.session('v2', '2026-10-05T23:30:00Z') });
    await rows.click('v2', ids.l1, '2026-10-06T03:30:00Z', { ...mobile, campaignId: c, variantId: ids.b, isQr: true, sessionId: await rows.session('v2', '2026-10-06T03:30:00Z') });
    // A month earlier: a range from mid-September reads its days, then October as one month.
    await rows.click('v2', ids.l1, '2026-09-28T12:00:00Z', { ...mobile, campaignId: c, sessionId: await rows.session('v2', '2026-09-28T12:00:00Z') });
    await rows.click('bot', ids.l1, '2026-10-05T12:00:00Z', { campaignId: c, isBot: true, sessionId: await rows.session('bot', '2026-10-05T12:00:00Z', { isBot: true }) });
    await rows.click('staff', ids.l1, '2026-10-06T09:00:00Z', { campaignId: c, isInternal: true, sessionId: await rows.session('staff', '2026-10-06T09:00:00Z', { isInternal: true }) });
    await rows.click('v3', ids.l2, '2026-10-08T15:00:00Z', { deviceType: 'desktop', browser: 'Firefox', os: 'Linux', campaignId: c, referrer: 'https://news.ycombinator.com/item', sessionId: await rows.session('v3', '2026-10-08T15:00:00Z') });

    await rows.conversion('lead', '2026-10-06T12:00:00Z', { visitorId: 'v1', personId: 'p1' });
    await rows.conversion('deal', '2026-10-07T09:00:00Z', { visitorId: 'v2', opportunityId: 'o1', valueMicros: 1_000_000_000n });
    await rows.conversion('deal', '2026-10-08T16:00:00Z', { visitorId: 'v3', opportunityId: 'o2', valueMicros: 200_000_000n, currencyCode: 'EUR' });
    // A bot's conversion is still a conversion, but its clicks credit nothing.
    await rows.conversion('deal', '2026-10-05T13:00:00Z', { visitorId: 'bot', opportunityId: 'o3', valueMicros: 5_000_000n });

    const first = await rows.session('v1', '2026-10-05T10:01:00Z', { pageViews: 2, durationSeconds: 120, isBounce: false, exitPage: 'https://shop.example/pricing', source: 'google' });
    await rows.event('v1', first, 'pageview', '2026-10-05T10:01:00Z', { path: '/' });
    await rows.event('v1', first, 'pageview', '2026-10-05T10:02:00Z', { path: '/pricing' });
    await rows.event('v1', first, 'cta', '2026-10-05T10:02:30Z', { name: 'Start trial' });
    await rows.event('v1', first, 'form_start', '2026-10-05T10:02:40Z');
    await rows.event('v1', first, 'form_submit', '2026-10-05T10:03:00Z');
    const bounce = await rows.session('v2', '2026-10-06T03:31:00Z', { pageViews: 1, exitPage: 'https://shop.example/' });
    await rows.event('v2', bounce, 'pageview', '2026-10-06T03:31:00Z', { path: '/' });
    const back = await rows.session('v1', '2026-10-06T10:01:00Z', { pageViews: 1, durationSeconds: 30, exitPage: 'https://shop.example/pricing', referrer: 'https://www.bing.com/' });
    await rows.event('v1', back, 'pageview', '2026-10-06T10:01:00Z', { path: '/pricing' });
    const crawl = await rows.session('bot', '2026-10-05T12:01:00Z', { pageViews: 1, isBot: true, exitPage: 'https://shop.example/' });
    await rows.event('bot', crawl, 'pageview', '2026-10-05T12:01:00Z', { path: '/', isBot: true });
    const office = await rows.session('staff', '2026-10-06T09:01:00Z', { pageViews: 1, isInternal: true, exitPage: 'https://shop.example/pricing' });
    await rows.event('staff', office, 'pageview', '2026-10-06T09:01:00Z', { path: '/pricing', isInternal: true });

    // Another workspace with the same visitor ids and instants must change nothing.
    const other = await server.createKey();
    otherKey = other.key;
    const elsewhere = new TrackingRows(server.dataSource, other.workspaceId);
    const otherLink = await elsewhere.link(`else${process.pid}`, await elsewhere.campaign('Elsewhere'));
    await elsewhere.visitor('v1', '2026-10-05T10:00:00Z');
    await elsewhere.click('v1', otherLink, '2026-10-05T10:00:00Z');
    const otherSession = await elsewhere.session('v1', '2026-10-05T10:00:00Z', { pageViews: 1 });
    await elsewhere.event('v1', otherSession, 'pageview', '2026-10-05T10:00:00Z', { path: '/' });
  });
  afterAll(() => server.stop());

  const CAMPAIGN_OCTOBER = {
    clicks: 6,
    uniqueVisitors: 3,
    sessions: 5,
    conversions: 3,
    leads: 1,
    deals: 2,
    currencyCode: 'USD',
    revenue: '1000',
    revenueByCurrency: [{ currencyCode: 'EUR', amount: '200' }, { currencyCode: 'USD', amount: '1000' }],
    conversionRate: 100,
    cost: '500',
    costSource: 'BUDGET',
    costPerClick: '83.333333',
    costPerAcquisition: '166.666667',
    roiPercentage: 100,
  };

  const LINK_DAYS_UTC = {
    clicks: 4,
    uniqueVisitors: 2,
    conversions: 1,
    conversionRate: 50,
    series: [
      { label: '2026-10-04', start: '2026-10-04T00:00:00.000Z', clicks: 0, uniqueVisitors: 0 },
      { label: '2026-10-05', start: '2026-10-05T00:00:00.000Z', clicks: 2, uniqueVisitors: 2 },
      { label: '2026-10-06', start: '2026-10-06T00:00:00.000Z', clicks: 2, uniqueVisitors: 2 },
      { label: '2026-10-07', start: '2026-10-07T00:00:00.000Z', clicks: 0, uniqueVisitors: 0 },
      { label: '2026-10-08', start: '2026-10-08T00:00:00.000Z', clicks: 0, uniqueVisitors: 0 },
    ],
    referrers: [{ key: '(direct)', clicks: 2, uniqueVisitors: 1 }, { key: 'google.com', clicks: 2, uniqueVisitors: 1 }],
    devices: [{ key: 'desktop', clicks: 2, uniqueVisitors: 1 }, { key: 'mobile', clicks: 2, uniqueVisitors: 1 }],
    browsers: [{ key: 'Chrome', clicks: 2, uniqueVisitors: 1 }, { key: 'Safari', clicks: 2, uniqueVisitors: 1 }],
    operatingSystems: [{ key: 'iOS', clicks: 2, uniqueVisitors: 1 }, { key: 'Windows', clicks: 2, uniqueVisitors: 1 }],
    countries: [{ key: 'FR', clicks: 2, uniqueVisitors: 1 }],
    qrVsLink: [{ key: 'link', clicks: 3, uniqueVisitors: 2 }, { key: 'qr', clicks: 1, uniqueVisitors: 1 }],
    variants: [
      { variantName: 'A', clicks: 2, uniqueVisitors: 1, conversions: 0, conversionRate: 0 },
      { variantName: 'B', clicks: 2, uniqueVisitors: 1, conversions: 1, conversionRate: 100 },
    ],
  };

  const SITE_OCTOBER = {
    totals: { visitors: 2, sessions: 3, bounces: 2, bounceRate: 66.6667, pageViews: 4, formStarts: 1, formSubmits: 1, ctaClicks: 1, exits: 3, averageSessionSeconds: 50 },
    topPages: [{ path: '/', pageViews: 2, uniqueVisitors: 2 }, { path: '/pricing', pageViews: 2, uniqueVisitors: 1 }],
    topCtas: [{ name: 'Start trial', clicks: 1, uniqueVisitors: 1 }],
    topSources: [
      { source: '(direct)', sessions: 1, uniqueVisitors: 1, bounceRate: 100 },
      { source: 'bing.com', sessions: 1, uniqueVisitors: 1, bounceRate: 100 },
      { source: 'google', sessions: 1, uniqueVisitors: 1, bounceRate: 0 },
    ],
  };
  const SITE_DAYS = [
    { label: '2026-10-05', visitors: 1, sessions: 1, bounces: 0, pageViews: 2, formStarts: 1, formSubmits: 1, ctaClicks: 1, exits: 1, averageSessionSeconds: 120 },
    { label: '2026-10-06', visitors: 2, sessions: 2, bounces: 2, pageViews: 2, formStarts: 0, formSubmits: 0, ctaClicks: 0, exits: 2, averageSessionSeconds: 15 },
  ];

  /** The same exact figures whether they come from raw rows (before any rollup) or from rollups. */
  async function expectTheHandMadeFigures(): Promise<void> {
    expect(await campaignStats(OCTOBER)).toEqual(CAMPAIGN_OCTOBER);
    // v2, active on 28 September and in October, counts once.
    expect(await campaignStats({ from: '2026-09-20T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toEqual({ ...CAMPAIGN_OCTOBER, clicks: 7, sessions: 6, costPerClick: '71.428571' });
    expect(await linkAnalytics('DAY', LINK_WEEK)).toEqual(LINK_DAYS_UTC);

    // Both links of the campaign: v1 clicks l1 then l2 on the 6th.
    expect(await campaignAnalytics('DAY', LINK_WEEK)).toEqual({
      name: 'Autumn',
      interval: 'DAY',
      clicks: 6,
      uniqueVisitors: 3,
      series: [
        { label: '2026-10-04', start: '2026-10-04T00:00:00.000Z', clicks: 0, uniqueVisitors: 0 },
        { label: '2026-10-05', start: '2026-10-05T00:00:00.000Z', clicks: 2, uniqueVisitors: 2 },
        { label: '2026-10-06', start: '2026-10-06T00:00:00.000Z', clicks: 3, uniqueVisitors: 2 },
        { label: '2026-10-07', start: '2026-10-07T00:00:00.000Z', clicks: 0, uniqueVisitors: 0 },
        { label: '2026-10-08', start: '2026-10-08T00:00:00.000Z', clicks: 1, uniqueVisitors: 1 },
      ],
    });
    const campaignNewYork = await campaignAnalytics('DAY', { from: '2026-10-04T04:00:00Z', to: '2026-10-09T04:00:00Z' }, 'America/New_York');
    expect(campaignNewYork.series.map((point) => [point.label, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-10-04', 0, 0],
      ['2026-10-05', 3, 2],
      ['2026-10-06', 2, 1],
      ['2026-10-07', 0, 0],
      ['2026-10-08', 1, 1],
    ]);
    const campaignWeeks = await campaignAnalytics('WEEK', LINK_WEEK);
    expect(campaignWeeks.series.map((point) => [point.label, point.start, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-09-28', '2026-10-04T00:00:00.000Z', 0, 0],
      ['2026-10-05', '2026-10-05T00:00:00.000Z', 6, 3],
    ]);
    const campaignHours = await campaignAnalytics('HOUR', { from: '2026-10-06T09:00:00Z', to: '2026-10-06T11:00:00Z' });
    expect(campaignHours.series.map((point) => [point.label, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-10-06T09:00', 0, 0],
      ['2026-10-06T10:00', 2, 1],
    ]);

    // In New York, v2's two clicks fall on the same day (the 5th, local).
    const newYork = await series('DAY', { from: '2026-10-04T04:00:00Z', to: '2026-10-09T04:00:00Z' }, 'America/New_York');
    expect(newYork.series.map((point) => [point.label, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-10-04', 0, 0],
      ['2026-10-05', 3, 2],
      ['2026-10-06', 1, 1],
      ['2026-10-07', 0, 0],
      ['2026-10-08', 0, 0],
    ]);

    // A visitor active on two days of a week counts once in it.
    const weeks = await series('WEEK', LINK_WEEK);
    expect(weeks.series.map((point) => [point.label, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-09-28', 0, 0],
      ['2026-10-05', 4, 2],
    ]);

    const hours = await series('HOUR', { from: '2026-10-05T23:00:00Z', to: '2026-10-06T04:00:00Z' });
    expect(hours.series.map((point) => [point.label, point.clicks])).toEqual([
      ['2026-10-05T23:00', 1],
      ['2026-10-06T00:00', 0],
      ['2026-10-06T01:00', 0],
      ['2026-10-06T02:00', 0],
      ['2026-10-06T03:00', 1],
    ]);
    // India's hours start on the half hour: never from the UTC-hour rollups.
    const kolkata = await series('HOUR', { from: '2026-10-05T22:30:00Z', to: '2026-10-06T01:30:00Z' }, 'Asia/Kolkata');
    expect(kolkata.series.map((point) => [point.label, point.clicks, point.uniqueVisitors])).toEqual([
      ['2026-10-06T04:00', 0, 0],
      ['2026-10-06T05:00', 1, 1],
      ['2026-10-06T06:00', 0, 0],
    ]);

    expect(await siteAnalytics('DAY', OCTOBER)).toEqual({
      ...SITE_OCTOBER,
      series: [
        ...['01', '02', '03', '04'].map((day) => ({ label: `2026-10-${day}`, visitors: 0, sessions: 0, bounces: 0, pageViews: 0, formStarts: 0, formSubmits: 0, ctaClicks: 0, exits: 0, averageSessionSeconds: null })),
        ...SITE_DAYS,
        ...['07', '08', '09'].map((day) => ({ label: `2026-10-${day}`, visitors: 0, sessions: 0, bounces: 0, pageViews: 0, formStarts: 0, formSubmits: 0, ctaClicks: 0, exits: 0, averageSessionSeconds: null })),
      ],
    });
  }

  it('answers from raw rows before any rollup', async () => {
    await expectTheHandMadeFigures();
  });

  it('gives the same figures from the rollups, in UTC and in a rolled-up zone, once they exist', async () => {
    const results = await rollUp();
    expect(results.map((result) => [result.grain, result.zone])).toEqual([['hour', 'UTC'], ['day', 'UTC'], ['day', 'America/New_York']]);
    const stored: { days: number; months: number }[] = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM trackflow.daily_rollup WHERE workspace_id = $1 AND day = '2026-10-05' AND time_zone = 'UTC')::int AS days,
              (SELECT count(*) FROM trackflow.monthly_rollup WHERE workspace_id = $1 AND month = '2026-10-01' AND time_zone = 'UTC')::int AS months`,
      [workspaceId],
    );
    expect(stored[0].days).toBeGreaterThan(0);
    expect(stored[0].months).toBeGreaterThan(0);
    await expectTheHandMadeFigures();
  });

  it('ignores the rollups of a zone no longer rolled up: they would miss late rows', async () => {
    await server.dataSource.query(
      `INSERT INTO trackflow.rollup_state (workspace_id, grain, time_zone, rolled_up_until, scanned_from) VALUES ($1, 'day', 'Asia/Kolkata', now(), now())`,
      [workspaceId],
    );
    expect(await campaignStats(OCTOBER, 'Asia/Kolkata')).toEqual(CAMPAIGN_OCTOBER);
  });

  it('counts an empty period as zeros, and a campaign without clicks has no rates', async () => {
    expect(await campaignStats({ from: '2026-09-01T00:00:00Z', to: '2026-09-05T00:00:00Z' })).toEqual({
      ...CAMPAIGN_OCTOBER,
      clicks: 0,
      uniqueVisitors: 0,
      sessions: 0,
      conversions: 0,
      leads: 0,
      deals: 0,
      revenue: '0',
      revenueByCurrency: [],
      conversionRate: null,
      costPerClick: null,
      costPerAcquisition: null,
      roiPercentage: -100,
    });
    const empty = await series('DAY', { from: '2026-09-01T00:00:00Z', to: '2026-09-03T00:00:00Z' });
    expect(empty).toEqual({ clicks: 0, uniqueVisitors: 0, series: [{ label: '2026-09-01', clicks: 0, uniqueVisitors: 0 }, { label: '2026-09-02', clicks: 0, uniqueVisitors: 0 }] });
  });

  it('re-runs to the same rollup rows, and rebuilds them identically from scratch', async () => {
    const snapshot = () =>
      server.dataSource.query(
        `SELECT * FROM (SELECT 'd' AS t, to_jsonb(d) - 'workspace_id' AS row FROM trackflow.daily_rollup d WHERE workspace_id = $1
         UNION ALL SELECT 'v', to_jsonb(v) - 'workspace_id' FROM trackflow.daily_rollup_visitors v WHERE workspace_id = $1
         UNION ALL SELECT 'h', to_jsonb(h) - 'workspace_id' FROM trackflow.hourly_rollup h WHERE workspace_id = $1
         UNION ALL SELECT 'm', to_jsonb(m) - 'workspace_id' FROM trackflow.monthly_rollup m WHERE workspace_id = $1
         UNION ALL SELECT 'mv', to_jsonb(m) - 'workspace_id' FROM trackflow.monthly_rollup_visitors m WHERE workspace_id = $1
         UNION ALL SELECT 'c', to_jsonb(c) - 'refreshed_at' FROM trackflow.conversion_credit c WHERE workspace_id = $1) x
         ORDER BY t, row::text`,
        [workspaceId],
      );
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(20);
    await rollUp();
    expect(await snapshot()).toEqual(before);
    for (const table of ['rollup_state', 'daily_rollup', 'daily_rollup_visitors', 'monthly_rollup', 'monthly_rollup_visitors', 'hourly_rollup', 'conversion_credit']) {
      await server.dataSource.query(`DELETE FROM trackflow.${table} WHERE workspace_id = $1`, [workspaceId]);
    }
    await rollUp();
    expect(await snapshot()).toEqual(before);
  });

  it('re-aggregates the period of a late click at the next run, and counts the open period from raw rows', async () => {
    await rows.visitor('v4', '2026-10-06T14:00:00Z');
    await rows.click('v4', ids.l1, '2026-10-06T14:00:00Z', { campaignId: ids.campaign, deviceType: 'desktop' });
    // An anonymous count is a click, never a visitor, rolled up or not.
    await rows.click(null, ids.l1, '2026-10-06T15:00:00Z', { campaignId: ids.campaign });
    // The 6th is rolled up: until the next run the late clicks are not seen.
    expect((await series('DAY', LINK_WEEK)).series[2]).toEqual({ label: '2026-10-06', clicks: 2, uniqueVisitors: 2 });
    await rollUp();
    const after = await series('DAY', LINK_WEEK);
    expect(after.series[2]).toEqual({ label: '2026-10-06', clicks: 4, uniqueVisitors: 3 });
    expect([after.clicks, after.uniqueVisitors]).toEqual([6, 3]);

    // Today is open: a click of v1 (already counted on earlier days) and of a new visitor, read raw.
    const now = Date.now();
    await rows.visitor('v5', new Date(now - 60_000).toISOString());
    await rows.click('v1', ids.l2, new Date(now - 120_000).toISOString(), { campaignId: ids.campaign });
    await rows.click('v5', ids.l2, new Date(now - 60_000).toISOString(), { campaignId: ids.campaign });
    const untilNow = await campaignStats({ from: OCTOBER.from, to: new Date(now + 3_600_000).toISOString() });
    // October is read as a month, November's days and today's raw rows around it.
    expect([untilNow.clicks, untilNow.uniqueVisitors]).toEqual([10, 5]);
  });

  it('tells a visitor\'s or a person\'s journey in time order, without bot or internal traffic', async () => {
    const JOURNEY = `query($visitorId: String, $personId: String, $from: DateTime, $to: DateTime) {
      visitorJourney(visitorId: $visitorId, personId: $personId, from: $from, to: $to, timeZone: "America/New_York") {
        visitorIds personId truncated items { localTime kind title trackedLinkId value currencyCode } } }`;
    const journey = (variables: Record<string, unknown>) => server.ok<{ visitorJourney: { visitorIds: string[]; personId: string | null; truncated: boolean; items: Record<string, unknown>[] } }>(key, JOURNEY, { ...OCTOBER, ...variables });
    const v1 = (await journey({ visitorId: 'v1' })).visitorJourney;
    expect(v1).toMatchObject({ visitorIds: ['v1'], personId: 'p1', truncated: false });
    expect(v1.items.map((item) => [item.localTime, item.kind, item.title])).toEqual([
      ['2026-10-05T06:00:00-04:00', 'SESSION', null],
      ['2026-10-05T06:00:00-04:00', 'CLICK', 'code'],
      ['2026-10-05T06:01:00-04:00', 'SESSION', null],
      ['2026-10-05T06:01:00-04:00', 'PAGE_VIEW', '/'],
      ['2026-10-05T06:02:00-04:00', 'PAGE_VIEW', '/pricing'],
      ['2026-10-05T06:02:30-04:00', 'EVENT', 'cta: Start trial'],
      ['2026-10-05T06:02:40-04:00', 'EVENT', 'form_start'],
      ['2026-10-05T06:03:00-04:00', 'EVENT', 'form_submit'],
      ['2026-10-06T06:00:00-04:00', 'SESSION', null],
      ['2026-10-06T06:00:00-04:00', 'CLICK', 'code'],
      ['2026-10-06T06:01:00-04:00', 'SESSION', null],
      ['2026-10-06T06:01:00-04:00', 'PAGE_VIEW', '/pricing'],
      ['2026-10-06T06:20:00-04:00', 'CLICK', 'code'],
      ['2026-10-06T08:00:00-04:00', 'CONVERSION', 'lead'],
    ]);
    expect(v1.items[12].trackedLinkId).toBe(ids.l2);
    expect((await journey({ personId: 'p1' })).visitorJourney.items).toEqual(v1.items);
    const shortened = (await server.ok<{ visitorJourney: { truncated: boolean; items: unknown[] } }>(key, `{ visitorJourney(visitorId: "v2", limit: 2) { truncated items { kind } } }`)).visitorJourney;
    expect(shortened).toEqual({ truncated: true, items: [{ kind: 'SESSION' }, { kind: 'CLICK' }] });
    const deal = (await journey({ visitorId: 'v2' })).visitorJourney.items.find((item) => item.kind === 'CONVERSION');
    expect(deal).toMatchObject({ title: 'deal', value: '1000', currencyCode: 'USD' });
    // A bot's traffic is left out; a conversion recorded against it is a CRM fact and stays.
    expect((await journey({ visitorId: 'bot' })).visitorJourney.items.map((item) => item.kind)).toEqual(['CONVERSION']);
    const unknown = await server.graphql(key, JOURNEY, { visitorId: 'nobody-at-all' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'visitorId' });
    const both = await server.graphql(key, JOURNEY, { visitorId: 'v1', personId: 'p1' });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visitorId', rule: 'give either visitorId or personId' });
  });

  it('keeps workspaces apart', async () => {
    const result = await server.graphql(otherKey, CAMPAIGN_STATS, { id: ids.campaign, ...OCTOBER });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'campaignId' });
    const series = await server.graphql(otherKey, CAMPAIGN_ANALYTICS, { id: ids.campaign, interval: 'DAY', ...OCTOBER });
    expect(series.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'campaignId' });
    const otherSite = (await server.ok<{ siteAnalytics: { totals: { visitors: number; pageViews: number } } }>(otherKey, SITE_ANALYTICS, { interval: 'WEEK', ...OCTOBER })).siteAnalytics;
    expect(otherSite.totals).toMatchObject({ visitors: 1, pageViews: 1 });
  });

  it('names the field and rule of bad input', async () => {
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ ...OCTOBER, interval: 'DAY', tz: 'Mars/Base' }, 'timeZone', 'must be an IANA time zone such as Europe/Paris or UTC'],
      [{ from: OCTOBER.to, to: OCTOBER.from, interval: 'DAY' }, 'to', 'must be after from'],
      [{ from: '2025-01-01T00:00:00Z', to: OCTOBER.to, interval: 'HOUR' }, 'interval', /^gives more than 1500 points/],
    ];
    for (const [variables, field, rule] of cases) {
      for (const [document, id] of [[SERIES, ids.l1], [CAMPAIGN_ANALYTICS, ids.campaign]]) {
        const result = await server.graphql(key, document, { id, ...variables });
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule: rule instanceof RegExp ? expect.stringMatching(rule) : rule });
      }
    }
  });
});
