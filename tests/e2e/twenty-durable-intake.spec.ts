import { CrmWorkerService } from 'src/crm/crm-worker.service';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';
import { PrivateRedis } from 'tests/support/private-redis';
import { waitFor, withEnv } from 'tests/support/waiting';
import { TestServer } from 'tests/support/test-server';
import { startLocalTwenty } from 'tests/support/twenty-connected';

/**
 * Twenty sends each delivery once (docs/twenty-contracts.md, D2): a delivery is answered 2xx only
 * once it is stored in PostgreSQL, and Redis being away delays its processing, never loses it.
 */
describe('Twenty deliveries while Redis is away', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  let twenty: TwentyStandIn;

  beforeAll(async () => {
    redis = await new PrivateRedis(6393).start();
    server = await withEnv({ REDIS_URL: redis.url, TRACKFLOW_WORKERS: 'true' }, () => TestServer.start());
    const workspaceName = `durable-${Math.random().toString(36).slice(2)}`;
    await server.createKey(workspaceName);
    twenty = await startLocalTwenty();
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName, dryRun: false, log: () => undefined, requireDelivery: true });
  });
  afterAll(async () => {
    await twenty.stop();
    await server.stop();
    await redis.stop();
  });

  const deliveryRows = (recordIds: string[]) =>
    server.dataSource.query(`SELECT record_id, event_name, processed_at IS NOT NULL AS processed FROM trackflow.twenty_webhook_delivery WHERE record_id = ANY($1) ORDER BY record_id`, [recordIds]) as Promise<
      { record_id: string; event_name: string; processed: boolean }[]
    >;

  it('answers every delivery 200 with Redis stopped, and processes each once when Redis is back (its jobs lost with it)', async () => {
    await redis.stop();
    const ids: string[] = [];
    for (const name of ['Ann', 'Bo', 'Cy']) {
      const created = await twenty.asUser('POST', '/rest/people', { name: { firstName: name, lastName: 'Lee' }, emails: { primaryEmail: `${name.toLowerCase()}@durable.example` } });
      ids.push(((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id);
    }
    await twenty.deliveriesSent();
    expect(twenty.deliveries.filter((delivery) => ids.includes(delivery.recordId)).map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    expect((await deliveryRows(ids)).map((row) => row.processed)).toEqual([false, false, false]);

    await redis.start();
    const processed = await waitFor(async () => {
      const rows = await deliveryRows(ids);
      return rows.every((row) => row.processed) ? rows : undefined;
    }, 30_000, 'the stored deliveries to be processed');
    expect(processed).toHaveLength(3);
    const people = await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.crm_person WHERE person_id = ANY($1)`, [ids]);
    expect(people).toEqual([{ n: 3 }]);
    // Sweeping again finds nothing left to queue.
    expect(await server.get(CrmWorkerService).sweep()).toBe(0);
  });
});
