import { randomUUID } from 'node:crypto';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { TwentyStandIn } from 'tests/twenty-standin/twenty-standin';

/** Click → person created in Twenty with the visitor id → lead attributed → fields written back, once. */
describe('a lead from a short link, through Twenty and back', () => {
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;

  beforeAll(async () => {
    server = await TestServer.start();
    const workspaceName = `lead-flow-${Math.random().toString(36).slice(2)}`;
    ({ key } = await server.createKey(workspaceName));
    twenty = await TwentyStandIn.start();
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName, dryRun: false, log: () => undefined, client: { baseDelayMs: 10 } });
  });
  afterAll(async () => {
    await twenty.stop();
    await server.stop();
  });

  async function settle(): Promise<void> {
    // Each write-back makes Twenty send person.updated, which runs the hook again: drain until nothing moves.
    for (let round = 0; round < 4; round += 1) {
      await twenty.deliveriesSent();
      await server.drainQueue('trackflow-crm');
      await server.drainQueue('trackflow-twenty-outbox');
    }
  }

  it('writes the lead fields to the person, and the echo of that write changes nothing', async () => {
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", source: "newsletter", medium: "email", utmCampaign: "spring"}) { shortCode } }`,
    );
    const visitorId = randomUUID();
    await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    await server.drainClicks();

    const created = await fetch(`${twenty.url}/rest/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${twenty.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@example.com' }, trackflowVisitorId: visitorId }),
    });
    expect(created.status).toBe(201);
    const personId = ((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
    await settle();

    expect(twenty.records.get('people')?.get(personId)).toMatchObject({
      trackflowVisitorId: visitorId,
      trackflowSource: 'newsletter',
      trackflowMedium: 'email',
      trackflowCampaign: 'spring',
      trackflowTouchCount: 1,
      trackflowFirstTouchDate: expect.any(String),
    });
    expect(twenty.deliveries.map((delivery) => [delivery.eventName, delivery.status])).toEqual([
      ['person.created', 200],
      ['person.updated', 200],
    ]);
    expect(twenty.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
    const conversions = await server.dataSource.query(`SELECT conversion_type FROM trackflow.conversion WHERE person_id = $1`, [personId]);
    expect(conversions).toEqual([{ conversion_type: 'lead' }]);
  });
});
