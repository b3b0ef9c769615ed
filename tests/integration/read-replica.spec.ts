import { Client } from 'pg';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { ReadReplica, ReplicaState } from 'src/common/database/read-replica.service';
import { startPrimaryWithReplica, PrimaryWithReplica } from 'bench/support/postgres-replica';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';
import { waitFor, withEnv } from 'tests/support/waiting';

// The bound is short so that lag past it comes quickly; reads within it go to the replica.
const MAX_LAG_SECONDS = 3;
const JANUARY = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
const CAMPAIGN_STATS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { campaignStats(campaignId: $id, from: $from, to: $to) { clicks } }`;
const REPORT = `query($from: DateTime!, $to: DateTime!) { attributionReport(model: "LINEAR", groupBy: CHANNEL, from: $from, to: $to) { conversions } }`;

describe('reports and dashboards read from a streaming replica', () => {
  let cluster: PrimaryWithReplica;
  let server: TestServer;
  let replica: ReadReplica;
  let standby: Client;
  let key: string;
  let workspaceId: string;
  let rows: TrackingRows;
  let campaignId: string;
  let linkId: string;

  const clicksAnswered = async () => (await server.ok<{ campaignStats: { clicks: number } }>(key, CAMPAIGN_STATS, { id: campaignId, ...JANUARY })).campaignStats.clicks;
  const conversionsReported = async () => (await server.ok<{ attributionReport: { conversions: number } }>(key, REPORT, JANUARY)).attributionReport.conversions;
  /** The campaign refresh's figures, which it reads from the primary as it writes them back. */
  const clicksOnPrimary = async () => (await server.get(AnalyticsService).lifetimeCampaignStats(workspaceId, new Date())).find((stats) => stats.campaignId === campaignId)?.clicks;
  const answeredByStandby = async () => (await replica.query<{ standby: boolean }[]>('SELECT pg_is_in_recovery() AS standby'))[0].standby;
  const checkUntil = (state: ReplicaState) => waitFor(async () => ((await replica.check()).state === state ? true : undefined), 60_000, `the replica to be ${state}`);
  const health = async () => (await fetch(`${server.url}/healthz`)).json() as Promise<{ status: string; postgres: string; replica: ReplicaState; replicaLagSeconds: number | null }>;
  const click = () => rows.click('v0', linkId, '2026-01-10T10:00:00Z', { campaignId });

  beforeAll(async () => {
    cluster = await startPrimaryWithReplica({ primaryPort: 55432, replicaPort: 55433 });
    server = await withEnv({ DATABASE_URL: cluster.primaryUrl, DATABASE_REPLICA_URL: cluster.replicaUrl, DATABASE_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS) }, () => TestServer.start());
    replica = server.get(ReadReplica);
    standby = new Client({ connectionString: cluster.replicaUrl });
    await standby.connect();
    ({ key, workspaceId } = await server.createKey());
    rows = new TrackingRows(server.dataSource, workspaceId);
    campaignId = await rows.campaign('Winter');
    linkId = await rows.link(`win${process.pid}`, campaignId);
    await rows.visitor('v0', '2026-01-10T09:00:00Z');
    await click();
    await cluster.caughtUp();
    await checkUntil('up');
  });

  afterAll(async () => {
    await standby?.end().catch(() => undefined);
    await server?.stop();
    await cluster?.stop();
  });

  it('answers analytics from the replica while it keeps up, and shows it in /healthz', async () => {
    expect(await answeredByStandby()).toBe(true);
    expect(await clicksAnswered()).toBe(1);
    expect(await health()).toMatchObject({ status: 'ok', replica: 'up', replicaLagSeconds: 0 });
  });

  it('does not see in a report what the replica has not replayed, while the writer reads its own write from the primary', async () => {
    await standby.query('SELECT pg_wal_replay_pause()');
    await waitFor(async () => ((await standby.query(`SELECT pg_get_wal_replay_pause_state() = 'paused' AS paused`)).rows[0].paused ? true : undefined), 60_000, 'replay to pause');
    // Seen caught up just now, so the bound is not passed for a few seconds.
    expect((await replica.check()).state).toBe('up');

    await click();
    const recorded = await server.ok<{ recordConversion: { id: string; value: string } }>(key, `mutation($input: RecordConversionInput!) { recordConversion(input: $input) { id value } }`, {
      input: { conversionType: 'purchase', visitorId: 'v0', value: '10', convertedAt: '2026-01-10T12:00:00Z' },
    });
    expect(recorded.recordConversion.value).toBe('10');
    const created = (await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Spring", source: "newsletter", medium: "email"}) { id } }`)).createCampaign;

    expect(await clicksAnswered()).toBe(1);
    expect(await conversionsReported()).toBe(0);
    expect(await clicksOnPrimary()).toBe(2);
    expect((await server.ok<{ campaign: { name: string } }>(key, `query($id: ID!) { campaign(id: $id) { name } }`, { id: created.id })).campaign.name).toBe('Spring');
  });

  it('reads from the primary once the replica lags past the bound, and from the replica again once it catches up', async () => {
    await checkUntil('lagging');
    const lagging = await health();
    expect(lagging).toMatchObject({ status: 'ok', replica: 'lagging' });
    expect(lagging.replicaLagSeconds).toBeGreaterThan(MAX_LAG_SECONDS);
    expect(await clicksAnswered()).toBe(2);
    expect(await conversionsReported()).toBe(1);

    await standby.query('SELECT pg_wal_replay_resume()');
    await checkUntil('up');
    expect(await answeredByStandby()).toBe(true);
    expect(await clicksAnswered()).toBe(2);
    expect(await conversionsReported()).toBe(1);
  });

  it('falls back to the primary without an error when the replica stops, and goes back to it once it is started again', async () => {
    await standby.end();
    await cluster.stopReplica();
    await click();

    expect(await clicksAnswered()).toBe(3);
    expect(await conversionsReported()).toBe(1);
    expect(await answeredByStandby()).toBe(false);
    expect(await health()).toMatchObject({ status: 'ok', postgres: 'up', replica: 'down', replicaLagSeconds: null });

    await cluster.startReplica();
    await cluster.caughtUp();
    await checkUntil('up');
    expect(await answeredByStandby()).toBe(true);
    expect(await clicksAnswered()).toBe(3);
    expect(await health()).toMatchObject({ status: 'ok', replica: 'up' });
  });
});
