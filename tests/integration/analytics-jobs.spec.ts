import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ANALYTICS_QUEUE, CAMPAIGN_METRICS_JOB, ROLLUP_JOB } from 'src/analytics/analytics.jobs';
import { CampaignMetricsService } from 'src/analytics/campaigns/campaign-metrics.service';
import { RollupsService } from 'src/analytics/rollups/rollups.service';
import { DomainEvents } from 'src/common/events/domain-events';
import { CampaignsChanged } from 'src/links/links.events';
import { RedisService } from 'src/common/redis/redis.service';
import { RetentionService } from 'src/privacy/retention/retention.service';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';

// Registered but far away: the test triggers the jobs itself.
process.env.ANALYTICS_ROLLUP_CRON = '0 0 1 1 *';
process.env.ANALYTICS_CAMPAIGN_REFRESH_CRON = '0 0 1 1 *';
process.env.RETENTION_CRON = '30 4 * * *';
process.env.RETENTION_API_REQUEST_LOG_DAYS = '30';

const QUEUES = `{ queues { name counts { waiting active failed } repeatable { name cron nextRunAt } } }`;

/** Waits for the job, however long a roll-up over every workspace the suite has filled takes (the backfill spec's thousands of visitors among them). */
async function finished(queue: Queue, name: string): Promise<unknown> {
  const job = await queue.add(name, {}, { removeOnComplete: false });
  for (let attempt = 0; attempt < 2_400; attempt += 1) {
    const state = await job.getState();
    if (state === 'completed') return (await queue.getJob(job.id))?.returnvalue;
    if (state === 'failed') throw new Error(`${name} failed: ${(await queue.getJob(job.id))?.failedReason}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not finish`);
}

describe('analytics and retention jobs', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let rows: TrackingRows;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    rows = new TrackingRows(server.dataSource, workspaceId);
  });
  afterAll(() => server.stop());

  it('schedules each job once under its name and cron, and shows every queue to admin keys only', async () => {
    const queues = (await server.ok<{ queues: { name: string; repeatable: { name: string; cron: string; nextRunAt: string }[] }[] }>(key, QUEUES)).queues;
    const byName = new Map(queues.map((queue) => [queue.name, queue]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['trackflow-analytics', 'trackflow-attribution', 'trackflow-clicks', 'trackflow-events', 'trackflow-privacy']));
    expect(byName.get('trackflow-analytics')?.repeatable.map((job) => [job.name, job.cron]).sort()).toEqual([
      [CAMPAIGN_METRICS_JOB, '0 0 1 1 *'],
      [ROLLUP_JOB, '0 0 1 1 *'],
    ]);
    expect(byName.get('trackflow-privacy')?.repeatable).toEqual([{ name: 'apply-retention', cron: '30 4 * * *', nextRunAt: expect.any(String) }]);

    const reader = await server.createKey(undefined, ['analytics:read']);
    const refused = await server.graphql(reader.key, QUEUES);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('runs a job in a worker, and skips an occurrence while another worker holds its lock', async () => {
    const queue = server.get<Queue>(getQueueToken(ANALYTICS_QUEUE) as never);
    expect(await finished(queue, ROLLUP_JOB)).toMatchObject({ failed: [] });
    const redis = server.get(RedisService).client;
    await redis.set(`lock:job:${ROLLUP_JOB}`, 'another-worker', 'PX', 60_000);
    try {
      expect(await finished(queue, ROLLUP_JOB)).toEqual({ skipped: true });
    } finally {
      await redis.del(`lock:job:${ROLLUP_JOB}`);
    }
  });

  it('refreshes the metric fields of campaigns, links and variants, writing only what changed', async () => {
    const campaign = await rows.campaign('Metrics', { budgetMicros: 300_000_000n });
    const link = await rows.link(`met${process.pid}`, campaign);
    const variant = await rows.variant(link, 'A');
    await rows.visitor('m1', '2026-10-01T08:00:00Z');
    await rows.visitor('m2', '2026-10-01T09:00:00Z');
    await rows.click('m1', link, '2026-10-01T08:00:00Z', { campaignId: campaign, variantId: variant });
    await rows.click('m2', link, '2026-10-01T09:00:00Z', { campaignId: campaign });
    await rows.conversion('deal', '2026-10-02T08:00:00Z', { visitorId: 'm1', opportunityId: 'om1', valueMicros: 600_000_000n });
    await server.get(RollupsService).runWorkspace(workspaceId);

    const metrics = server.get(CampaignMetricsService);
    expect(await metrics.refreshWorkspace(workspaceId)).toEqual([campaign]);
    const [row] = await server.dataSource.query(
      `SELECT conversions, revenue_micros, conversion_rate::float AS rate, cost_micros, cost_per_click_micros, cost_per_acquisition_micros, roi_percentage::float AS roi
       FROM trackflow.link_campaign WHERE id = $1`,
      [campaign],
    );
    expect(row).toEqual({ conversions: 1, revenue_micros: '600000000', rate: 50, cost_micros: '300000000', cost_per_click_micros: '150000000', cost_per_acquisition_micros: '300000000', roi: 100 });
    // The Campaign type shows what the refresh wrote, for lists that sort by ROI.
    const { campaign: shown } = await server.ok<{ campaign: Record<string, unknown> }>(
      key,
      `query($id: ID!) { campaign(id: $id) { conversions revenue conversionRate cost costPerClick costPerAcquisition roiPercentage } }`,
      { id: campaign },
    );
    expect(shown).toEqual({ conversions: 1, revenue: '600', conversionRate: 50, cost: '300', costPerClick: '150', costPerAcquisition: '300', roiPercentage: 100 });
    const [counts] = await server.dataSource.query(
      `SELECT (SELECT conversion_count FROM trackflow.tracked_link WHERE id = $1) AS link, (SELECT conversions FROM trackflow.campaign_link_variant WHERE id = $2) AS variant`,
      [link, variant],
    );
    expect(counts).toEqual({ link: 1, variant: 1 });
    expect(await metrics.refreshWorkspace(workspaceId)).toEqual([]);
  });

  it('announces a campaign to its Twenty mirror and campaign.updated subscribers only when its figures changed', async () => {
    const campaign = await rows.campaign('Announced', {});
    const announced: string[][] = [];
    const events = server.get(DomainEvents);
    const publish = events.publish.bind(events);
    jest.spyOn(events, 'publish').mockImplementation(async (event, payload, transaction) => {
      const change = payload as typeof CampaignsChanged.payload;
      if (event === CampaignsChanged && change.workspaceId === workspaceId) announced.push([...change.campaignIds]);
      return publish(event, payload, transaction);
    });
    const metrics = server.get(CampaignMetricsService);
    await metrics.refreshWorkspace(workspaceId);
    expect(announced.flat()).toContain(campaign);
    announced.length = 0;
    await metrics.refreshWorkspace(workspaceId);
    expect(announced).toEqual([]);
    // The click worker's counters are figures too.
    await server.dataSource.query(`UPDATE trackflow.link_campaign SET total_clicks = total_clicks + 1 WHERE id = $1`, [campaign]);
    await metrics.refreshWorkspace(workspaceId);
    expect(announced).toEqual([[campaign]]);
  });

  it('deletes raw rows past each table\'s retention period and keeps the rollups', async () => {
    const link = await rows.link(`ret${process.pid}`, null);
    const now = new Date('2026-11-20T00:00:00Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    // Seen 300 days ago: the visitor stays (RETENTION_VISITOR_DAYS), its rows past their own periods go.
    await rows.visitor('old', daysAgo(800), { lastSeen: daysAgo(300) });
    const oldSession = await rows.session('old', daysAgo(400), { pageViews: 1 });
    await rows.event('old', oldSession, 'pageview', daysAgo(400), { path: '/' });
    await rows.click('old', link, daysAgo(800), { sessionId: oldSession });
    await rows.click('old', link, daysAgo(700));
    const keptSession = await rows.session('old', daysAgo(300), { pageViews: 1 });
    await rows.event('old', keptSession, 'pageview', daysAgo(300), { path: '/' });
    await server.dataSource.query(
      `INSERT INTO trackflow.api_request_log (workspace_id, api_key_id, endpoint, method, request_time)
       SELECT $1, k.id, '/graphql', 'POST', t FROM (SELECT id FROM trackflow.api_key WHERE workspace_id = $1 LIMIT 1) k, unnest($2::timestamptz[]) t`,
      [workspaceId, [daysAgo(31), daysAgo(29)]],
    );
    await server.get(RollupsService).runWorkspace(workspaceId);
    const rollupRows = async () => Number((await server.dataSource.query(`SELECT count(*) AS n FROM trackflow.daily_rollup WHERE workspace_id = $1`, [workspaceId]))[0].n);
    const before = await rollupRows();

    const result = await server.get(RetentionService).run(now);
    // Retention runs over every workspace, and other suites' old request-log rows share the table: this workspace's rows are checked below.
    expect(result).toMatchObject({ deleted: { click_event: 1, visitor_event: 1, visitor_session: 1, api_request_log: expect.any(Number) }, failed: [] });
    expect(result.deleted.api_request_log).toBeGreaterThanOrEqual(1);
    const left = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = 'old')::int AS clicks,
              (SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = 'old')::int AS events,
              (SELECT count(*) FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = 'old')::int AS sessions,
              -- The requests this test itself makes are logged too, at the real time, after the pretended now.
              (SELECT count(*) FROM trackflow.api_request_log WHERE workspace_id = $1 AND request_time < $2)::int AS requests`,
      [workspaceId, now],
    );
    expect(left).toEqual([{ clicks: 1, events: 1, sessions: 1, requests: 1 }]);
    expect(await rollupRows()).toBe(before);
  });
});
