import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { TwentySyncService } from 'src/crm/twenty/twenty-sync.service';
import { ConnectedWorkspace, newsletterVisitor, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';

const AMOUNT_MICROS = 12_000_000_000;

/**
 * Twenty never sends a delivery again (docs/twenty-contracts.md, D2): what TrackFlow missed while
 * it was down is fetched back by reconciliation, and acted on once.
 */
describe('reconciliation with Twenty after TrackFlow missed its deliveries', () => {
  let connected: ConnectedWorkspace;
  let workspaceId: string;
  let closedUrl: string;

  beforeAll(async () => {
    connected = await startConnectedWorkspace('reconcile');
    [{ id: workspaceId }] = await connected.server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [connected.workspaceName]);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/webhooks/twenty`;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => stopConnectedWorkspace(connected));

  const asStaff = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await connected.twenty.asUser(method, `/rest/${path}`, body);
    expect(answer.status).toBeLessThan(300);
    return (await answer.json()) as T;
  };
  const sync = () => connected.server.get(TwentySyncService).sync(workspaceId, { full: false });
  const count = async (sql: string) => ((await connected.server.dataSource.query(sql, [workspaceId])) as { n: number }[])[0].n;

  it('attributes the lead and the won deal made while TrackFlow was down, and a second pass changes nothing', async () => {
    const { server, twenty } = connected;
    const visitorId = await newsletterVisitor(connected);
    await settle(connected);

    // TrackFlow is down for Twenty: every delivery of the changes below fails, and Twenty never sends it again.
    twenty.deliverTo = closedUrl;
    const deliveriesBefore = twenty.deliveries.length;
    const company = (await asStaff<{ data: { createCompany: { id: string } } }>('POST', 'companies', { name: 'Acme' })).data.createCompany.id;
    const person = (await asStaff<{ data: { createPerson: { id: string } } }>('POST', 'people', { name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@acme.example' }, trackflowVisitorId: visitorId, companyId: company })).data.createPerson.id;
    const deal = (await asStaff<{ data: { createOpportunity: { id: string } } }>('POST', 'opportunities', { name: 'Acme deal', amount: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' }, stage: 'NEW', pointOfContactId: person, companyId: company }))
      .data.createOpportunity.id;
    await asStaff('PATCH', `opportunities/${deal}`, { stage: 'CUSTOMER' });
    await twenty.deliveriesSent();
    expect(twenty.deliveries.slice(deliveriesBefore).map((delivery) => delivery.status)).toEqual([0, 0, 0, 0]);
    expect(await count(`SELECT count(*)::int AS n FROM trackflow.conversion WHERE workspace_id = $1`)).toBe(0);

    // TrackFlow is back: the next reconciliation finds all of it.
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    const first = await sync();
    expect(first.processed).toEqual({ companies: 1, people: 1, opportunities: 1 });
    await settle(connected);
    const conversions = await server.dataSource.query(`SELECT conversion_type, value_micros FROM trackflow.conversion WHERE workspace_id = $1 ORDER BY conversion_type`, [workspaceId]);
    expect(conversions).toEqual([
      { conversion_type: 'deal', value_micros: String(AMOUNT_MICROS) },
      { conversion_type: 'lead', value_micros: '0' },
    ]);
    expect(twenty.records.get('people')?.get(person)).toMatchObject({ trackflowSource: 'newsletter', trackflowMedium: 'email', trackflowTouchCount: 1 });
    expect(twenty.records.get('opportunities')?.get(deal)).toMatchObject({ trackflowMarketingInfluenced: true, trackflowFirstTouchSource: 'newsletter' });
    expect(await count(`SELECT count(*)::int AS n FROM trackflow.deal_stage_change WHERE workspace_id = $1`)).toBe(1);

    // The write-backs moved those records' updatedAt: the next pass reads them again and changes nothing.
    const writesBefore = twenty.requests.filter((request) => request.method !== 'GET').length;
    const second = await sync();
    await settle(connected);
    expect(Object.values(second.processed).reduce((sum, processed) => sum + processed, 0)).toBeGreaterThan(0);
    expect(twenty.requests.filter((request) => request.method !== 'GET').length).toBe(writesBefore);
    expect(await count(`SELECT count(*)::int AS n FROM trackflow.conversion WHERE workspace_id = $1`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM trackflow.deal_stage_change WHERE workspace_id = $1`)).toBe(1);
    // And a pass with nothing new reads only.
    const none = { companies: 0, people: 0, opportunities: 0 };
    expect(await sync()).toEqual({ processed: none, deleted: none, gone: none });
  });

  it('resumes after a run cut short mid-way, from the last record it processed', async () => {
    const { twenty } = connected;
    twenty.deliverTo = closedUrl;
    // People no visitor is known for: their hook writes nothing back, so a record is met again only if the walk restarts.
    for (let index = 0; index < 70; index += 1) await asStaff('POST', 'people', { name: { firstName: `Person ${index}`, lastName: 'X' } });
    twenty.deliverTo = `${connected.server.url}/webhooks/twenty`;
    const processedBefore = await count(`SELECT records_processed::int AS n FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = 'people'`);
    // The second page's request keeps failing: the run stops after the first page of 60.
    let pages = 0;
    const cutShort = connected.server.get(TwentySyncService).sync(workspaceId, {
      full: false,
      client: { maxAttempts: 1 },
      progress: (plural) => {
        if (plural === 'people' && (pages += 1) === 1) twenty.failNext(503, 1);
      },
    });
    await expect(cutShort).rejects.toThrow(/503/);
    const [cursor] = await connected.server.dataSource.query(`SELECT records_processed::int AS n, last_error FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = 'people'`, [workspaceId]);
    // The first page (60 records, the last one processed before among them) was processed, the rest not.
    expect(cursor.last_error).toContain('503');
    const firstRun = cursor.n - processedBefore;
    expect(firstRun).toBeGreaterThanOrEqual(59);
    expect(firstRun).toBeLessThan(70);

    const status = () =>
      connected.server.ok<{ twentySync: { connected: boolean; backlog: number; lastDeliveryAt: string | null; cursors: { objectPlural: string; lastError: string | null; recordsProcessed: number; lagSeconds: number }[] } }>(
        connected.key,
        `{ twentySync { connected backlog lastDeliveryAt cursors { objectPlural lastError recordsProcessed lagSeconds } } }`,
      );
    expect((await status()).twentySync.cursors.find((row) => row.objectPlural === 'people')?.lastError).toContain('503');

    const resumed = await sync();
    expect(resumed.processed.people).toBe(70 - firstRun);
    const { twentySync } = await status();
    expect(twentySync).toMatchObject({ connected: true, lastDeliveryAt: expect.any(String) });
    expect(twentySync.cursors.map((row) => [row.objectPlural, row.lastError])).toEqual([
      ['companies', null],
      ['companies:deleted', null],
      ['companies:present', null],
      ['opportunities', null],
      ['opportunities:deleted', null],
      ['opportunities:present', null],
      ['people', null],
      ['people:deleted', null],
      ['people:present', null],
    ]);
    expect(twentySync.cursors.find((row) => row.objectPlural === 'people')).toMatchObject({ recordsProcessed: processedBefore + 70, lagSeconds: expect.any(Number) });
    const [after] = await connected.server.dataSource.query(`SELECT records_processed::int AS n, last_error FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = 'people'`, [workspaceId]);
    expect(after).toEqual({ n: processedBefore + 70, last_error: null });
  });

  it("stops the cursor before a record whose hooks failed, and hands it and the ones after it to the hooks next run", async () => {
    const { twenty } = connected;
    twenty.deliverTo = closedUrl;
    const made: { id: string }[] = [];
    for (let index = 0; index < 10; index += 1) made.push((await asStaff<{ data: { createPerson: { id: string } } }>('POST', 'people', { name: { firstName: `Refused ${index}`, lastName: 'Y' } })).data.createPerson);
    twenty.deliverTo = `${connected.server.url}/webhooks/twenty`;
    const processed = () => count(`SELECT records_processed::int AS n FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = 'people'`);
    const before = await processed();
    // PostgreSQL refuses the sixth person, as a constraint or an outage would: its hooks fail, those of the others around it do not.
    await connected.server.dataSource.query(
      `CREATE FUNCTION public.refuse_person_in_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'person % refused', NEW.person_id; END $$`,
    );
    await connected.server.dataSource.query(
      `CREATE TRIGGER refuse_one_person BEFORE INSERT OR UPDATE ON trackflow.crm_person FOR EACH ROW WHEN (NEW.person_id = '${made[5].id}') EXECUTE FUNCTION public.refuse_person_in_test()`,
    );
    try {
      await expect(sync()).rejects.toThrow(`person ${made[5].id} refused`);
    } finally {
      await connected.server.dataSource.query(`DROP TRIGGER refuse_one_person ON trackflow.crm_person`);
      await connected.server.dataSource.query(`DROP FUNCTION public.refuse_person_in_test()`);
    }
    const [cursor] = await connected.server.dataSource.query(`SELECT records_processed::int AS n, last_error, cursor_record_id FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = 'people'`, [workspaceId]);
    expect(cursor).toEqual({ n: before + 5, last_error: expect.stringContaining('refused'), cursor_record_id: made[4].id });

    const next = await sync();
    expect(next.processed.people).toBe(5);
    expect(await processed()).toBe(before + 10);
    expect(await count(`SELECT count(*)::int AS n FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = ANY('{${made.map((person) => person.id).join(',')}}'::text[])`)).toBe(10);
  });
});
