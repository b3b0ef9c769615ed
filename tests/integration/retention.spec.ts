import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { RetentionService } from 'src/privacy/retention/retention.service';
import { PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { TestServer } from 'tests/support/test-server';
import { TrackingRows } from 'tests/support/tracking-rows';
import { waitFor } from 'tests/support/waiting';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const RETENTION_SETTINGS = 'retentionClickEventDays retentionVisitorEventDays retentionVisitorSessionDays retentionVisitorDays retentionApiRequestLogDays retentionWebhookDeliveryDays';

describe('retention of visitors, delivery logs and failed jobs, under each workspace\'s periods', () => {
  let server: TestServer;
  let workspace: { key: string; workspaceId: string; rows: TrackingRows };
  let shortLived: { key: string; workspaceId: string; rows: TrackingRows };

  beforeAll(async () => {
    server = await TestServer.start();
    const create = async () => {
      const created = await server.createKey();
      return { ...created, rows: new TrackingRows(server.dataSource, created.workspaceId) };
    };
    [workspace, shortLived] = [await create(), await create()];
  });
  afterAll(() => server.stop());

  const visitorsLeft = async (of: { workspaceId: string }, ids: string[]): Promise<string[]> =>
    (await server.dataSource.query(`SELECT visitor_id FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = ANY($2) ORDER BY visitor_id`, [of.workspaceId, ids])).map((row: { visitor_id: string }) => row.visitor_id);

  it('shows the server periods as each workspace\'s until it sets its own, and refuses bad ones naming the field and the rule', async () => {
    type Settings = { settings: Record<string, number> };
    expect((await server.ok<Settings>(shortLived.key, `{ settings { ${RETENTION_SETTINGS} } }`)).settings).toEqual({
      retentionClickEventDays: 730,
      retentionVisitorEventDays: 365,
      retentionVisitorSessionDays: 365,
      retentionVisitorDays: 395,
      retentionApiRequestLogDays: 90,
      retentionWebhookDeliveryDays: 30,
    });
    const updated = await server.ok<{ updateSettings: Record<string, number> }>(shortLived.key, `mutation { updateSettings(input: {retentionVisitorDays: 30, retentionClickEventDays: 0}) { ${RETENTION_SETTINGS} } }`);
    expect(updated.updateSettings).toMatchObject({ retentionVisitorDays: 30, retentionClickEventDays: 0, retentionVisitorEventDays: 365 });
    for (const bad of [-1, 36501]) {
      const refused = await server.graphql(shortLived.key, `mutation { updateSettings(input: {retentionWebhookDeliveryDays: ${bad}}) { retentionWebhookDeliveryDays } }`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'retentionWebhookDeliveryDays',
        rule: "must be a whole number of days from 0 (kept forever) to 36500, or null for the server's default",
      });
    }
    await server.ok(shortLived.key, 'mutation { updateSettings(input: {retentionApiRequestLogDays: 5}) { retentionApiRequestLogDays } }');
    const reset = await server.ok<{ updateSettings: Record<string, number> }>(shortLived.key, 'mutation { updateSettings(input: {retentionApiRequestLogDays: null}) { retentionApiRequestLogDays } }');
    expect(reset.updateSettings).toEqual({ retentionApiRequestLogDays: 90 });
    const changes = await server.ok<{ settingsChanges: { field: string; newValue: string }[] }>(shortLived.key, '{ settingsChanges { field newValue } }');
    expect(changes.settingsChanges.filter((change) => change.field.startsWith('retention'))).toEqual(
      expect.arrayContaining([{ field: 'retentionVisitorDays', newValue: '30' }, { field: 'retentionClickEventDays', newValue: '0' }]),
    );
    // The workspace set no visitor or click period: the server's stay in force there.
    expect((await server.ok<Settings>(workspace.key, '{ settings { retentionVisitorDays } }')).settings).toEqual({ retentionVisitorDays: 395 });
  });

  it('deletes visitors without person, conversion or activity for the period, with their rows, and keeps the others', async () => {
    const { rows } = workspace;
    const id = (name: string) => `${name}-${randomUUID()}`;
    const [gone, person, converted, recent, oldFamily, oldStub, activeFamily, activeStub] = ['gone', 'person', 'converted', 'recent', 'old-family', 'old-stub', 'active-family', 'active-stub'].map(id);
    const link = await rows.link(`rt${randomUUID().slice(0, 8)}`, null);
    await rows.visitor(gone, daysAgo(500), { lastSeen: daysAgo(400) });
    const session = await rows.session(gone, daysAgo(400), { pageViews: 1 });
    await rows.event(gone, session, 'pageview', daysAgo(400));
    await rows.click(gone, link, daysAgo(400), { sessionId: session });
    await rows.visitor(person, daysAgo(400), { personId: `person-${randomUUID()}` });
    await rows.visitor(converted, daysAgo(400));
    // A signup (no Twenty person behind it) is a conversion all the same.
    await server.dataSource.query(`INSERT INTO trackflow.conversion (workspace_id, conversion_type, visitor_id, conversion_date) VALUES ($1, 'signup', $2, $3)`, [workspace.workspaceId, converted, daysAgo(400)]);
    await rows.visitor(recent, daysAgo(400), { lastSeen: daysAgo(100) });
    await rows.visitor(oldFamily, daysAgo(600), { lastSeen: daysAgo(500) });
    await rows.visitor(oldStub, daysAgo(450), { mergedInto: oldFamily });
    await rows.visitor(activeFamily, daysAgo(600), { lastSeen: daysAgo(500) });
    // A device merged into it (identify) was still clicking 10 days ago: the person is active.
    await rows.visitor(activeStub, daysAgo(450), { lastSeen: daysAgo(10), mergedInto: activeFamily });
    const [monthOld, fresh] = [id('month-old'), id('fresh')];
    await shortLived.rows.visitor(monthOld, daysAgo(40));
    await shortLived.rows.visitor(fresh, daysAgo(20));
    await shortLived.rows.click(fresh, await shortLived.rows.link(`rt${randomUUID().slice(0, 8)}`, null), daysAgo(800));

    const result = await server.get(RetentionService).run();
    expect(result.failed).toEqual([]);
    expect(result.deleted.visitor).toBeGreaterThanOrEqual(4);
    expect(await visitorsLeft(workspace, [gone, person, converted, recent, oldFamily, oldStub, activeFamily, activeStub])).toEqual([activeFamily, activeStub, converted, person, recent].sort());
    const rowsOfGone = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = $2)::int AS sessions,
              (SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2)::int AS events,
              (SELECT count(*) FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = $2)::int AS clicks`,
      [workspace.workspaceId, gone],
    );
    expect(rowsOfGone).toEqual([{ sessions: 0, events: 0, clicks: 0 }]);
    // Its own 30 days for visitors; clicks kept forever (0), however old.
    expect(await visitorsLeft(shortLived, [monthOld, fresh])).toEqual([fresh]);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.click_event WHERE workspace_id = $1`, [shortLived.workspaceId])).toEqual([{ n: 1 }]);
  });

  it('trims finished outgoing deliveries and processed Twenty deliveries past their period, never pending ones', async () => {
    const { workspaceId } = workspace;
    const [subscription] = await server.dataSource.query(
      `INSERT INTO trackflow.api_key_webhook_event (workspace_id, api_key_id, event_type, webhook_url, secret)
       SELECT $1, id, 'link.clicked', 'https://hooks.example.com/' || gen_random_uuid(), 'secret' FROM trackflow.api_key WHERE workspace_id = $1 LIMIT 1 RETURNING id`,
      [workspaceId],
    );
    await server.dataSource.query(
      `INSERT INTO trackflow.webhook_delivery (workspace_id, subscription_id, event_type, payload, status, created_at)
       SELECT $1, $2, 'link.clicked', '{}', d.status, now() - make_interval(days => d.age)
       FROM (VALUES ('delivered', 31), ('failed', 31), ('pending', 31), ('delivered', 29)) AS d(status, age)`,
      [workspaceId, subscription.id],
    );
    await server.dataSource.query(
      `INSERT INTO trackflow.twenty_webhook_delivery (workspace_id, delivery_key, event_name, received_at, processed_at)
       SELECT $1, gen_random_uuid()::text, 'person.updated', now() - make_interval(days => d.age), CASE WHEN d.processed THEN now() - make_interval(days => d.age) END
       FROM (VALUES (31, true), (31, false), (29, true)) AS d(age, processed)`,
      [workspaceId],
    );

    const result = await server.get(RetentionService).run();
    expect(result.deleted).toMatchObject({ webhook_delivery: 2, twenty_webhook_delivery: 1 });
    const left = await server.dataSource.query(
      `SELECT 'outgoing' AS log, status AS state, extract(day FROM now() - created_at)::int AS age FROM trackflow.webhook_delivery WHERE workspace_id = $1
       UNION ALL SELECT 'twenty', CASE WHEN processed_at IS NULL THEN 'unprocessed' ELSE 'processed' END, extract(day FROM now() - received_at)::int
         FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1
       ORDER BY 1, 2`,
      [workspaceId],
    );
    expect(left).toEqual([
      { log: 'outgoing', state: 'delivered', age: 29 },
      { log: 'outgoing', state: 'pending', age: 31 },
      { log: 'twenty', state: 'processed', age: 29 },
      { log: 'twenty', state: 'unprocessed', age: 31 },
    ]);
  });

  // Last: it pretends to run a week from now, when much else has aged out too.
  it('clears failed jobs after RETENTION_FAILED_JOB_DAYS (7), a failed click job included', async () => {
    const clicks = server.get<Queue>(getQueueToken(CLICKS_QUEUE) as never);
    const job = await clicks.add(PersistClicksJob.name, { clicks: [{ id: randomUUID(), workspaceId: 'not-a-workspace' }] }, { attempts: 1, jobId: `doomed-${randomUUID()}` });
    await waitFor(async () => ((await job.getState()) === 'failed' ? true : undefined), 20_000, 'the click job to fail');

    expect((await server.get(RetentionService).run()).failedJobs).toBe(0);
    expect(await clicks.getJob(job.id)).not.toBeNull();
    const inEightDays = new Date(Date.now() + 8 * DAY);
    expect((await server.get(RetentionService).run(inEightDays)).failedJobs).toBeGreaterThanOrEqual(1);
    expect(await clicks.getJob(job.id)).toBeNull();
  });
});
