import { TwentySyncService } from 'src/crm/twenty/twenty-sync.service';
import { ConnectedWorkspace, newsletterVisitor, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';

const AMOUNT_MICROS = 8_000_000_000;

/** People and deals deleted in Twenty stop counting, without anything being erased, and come back whole when restored. */
describe('records deleted and restored in Twenty', () => {
  let connected: ConnectedWorkspace;
  let workspaceId: string;
  const ids = { person: '', deal: '', visitor: '' };

  beforeAll(async () => {
    connected = await startConnectedWorkspace('deletes');
    [{ id: workspaceId }] = await connected.server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [connected.workspaceName]);
    ids.visitor = await newsletterVisitor(connected);
    const staff = async (method: string, path: string, body?: unknown) => {
      const answer = await connected.twenty.asUser(method, `/rest/${path}`, body);
      expect(answer.status).toBeLessThan(300);
      return Object.values(((await answer.json()) as { data: Record<string, { id: string }> }).data)[0];
    };
    ids.person = (await staff('POST', 'people', { name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@deletes.example' }, trackflowVisitorId: ids.visitor })).id;
    ids.deal = (await staff('POST', 'opportunities', { name: 'Deal', amount: { amountMicros: AMOUNT_MICROS, currencyCode: 'USD' }, stage: 'NEW', pointOfContactId: ids.person })).id;
    await staff('PATCH', `opportunities/${ids.deal}`, { stage: 'CUSTOMER' });
    await settle(connected);
  });
  afterAll(() => stopConnectedWorkspace(connected));

  const query = <T>(sql: string, values: unknown[]) => connected.server.dataSource.query(sql, values) as Promise<T[]>;
  const conversions = () => query<{ id: string; conversion_type: string; conversion_date: Date }>(`SELECT id, conversion_type, conversion_date FROM trackflow.conversion WHERE workspace_id = $1 ORDER BY conversion_type`, [workspaceId]);
  const dealRows = () => query<{ id: string }>(`SELECT id FROM trackflow.deal_attribution WHERE workspace_id = $1 AND opportunity_id = $2`, [workspaceId, ids.deal]);
  const inTwenty = (plural: string) => [...(connected.twenty.records.get(plural)?.values() ?? [])].map((record) => String(record.id)).sort();

  it('a deal moved to Twenty’s trash stops counting, and comes back with its conversion when restored', async () => {
    const won = (await conversions()).find((row) => row.conversion_type === 'deal');
    if (!won) throw new Error('the won deal has no conversion');
    const rowsBefore = (await dealRows()).map((row) => row.id).sort();
    expect(rowsBefore.length).toBeGreaterThan(0);

    expect((await connected.twenty.asUser('DELETE', `/rest/opportunities/${ids.deal}?soft_delete=true`)).status).toBe(200);
    await settle(connected);
    expect((await conversions()).map((row) => row.conversion_type)).toEqual(['lead']);
    expect(await dealRows()).toEqual([]);
    expect(inTwenty('trackflowDealAttributions')).toEqual([]);
    expect(inTwenty('trackflowConversions')).not.toContain(won.id);

    expect((await connected.twenty.asUser('PATCH', `/rest/opportunities/${ids.deal}/restore`)).status).toBe(200);
    await settle(connected);
    expect((await conversions()).find((row) => row.conversion_type === 'deal')).toMatchObject({ conversion_date: won.conversion_date });
    expect((await dealRows()).map((row) => row.id).sort()).toEqual(rowsBefore);
    expect(inTwenty('trackflowDealAttributions')).toEqual(rowsBefore);
  });

  it('a deal moved to the trash while TrackFlow was down is found there by reconciliation', async () => {
    const { twenty, server } = connected;
    twenty.deliverTo = 'http://127.0.0.1:9/webhooks/twenty';
    expect((await twenty.asUser('DELETE', `/rest/opportunities/${ids.deal}?soft_delete=true`)).status).toBe(200);
    await twenty.deliveriesSent();
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    expect((await conversions()).map((row) => row.conversion_type).sort()).toEqual(['deal', 'lead']);
    const { deleted } = await server.get(TwentySyncService).sync(workspaceId, { full: false });
    expect(deleted.opportunities).toBe(1);
    await settle(connected);
    expect((await conversions()).map((row) => row.conversion_type)).toEqual(['lead']);
    expect(await dealRows()).toEqual([]);
    expect((await twenty.asUser('PATCH', `/rest/opportunities/${ids.deal}/restore`)).status).toBe(200);
    await settle(connected);
    expect((await conversions()).map((row) => row.conversion_type).sort()).toEqual(['deal', 'lead']);
  });

  it('a person destroyed in Twenty loses their lead and their visitors, which are kept, not erased', async () => {
    expect((await connected.twenty.asUser('DELETE', `/rest/people/${ids.person}`)).status).toBe(200);
    await settle(connected);
    expect((await conversions()).map((row) => row.conversion_type)).toEqual(['deal']);
    expect(await query(`SELECT person_id FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, ids.visitor])).toEqual([{ person_id: null }]);
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, ids.visitor]))[0].n).toBe(1);
    expect(await query(`SELECT person_id FROM trackflow.crm_person WHERE workspace_id = $1 AND person_id = $2`, [workspaceId, ids.person])).toEqual([]);
  });

  it('a deal destroyed while TrackFlow was down, which no list shows, is found gone by reconciliation', async () => {
    const { twenty, server } = connected;
    twenty.deliverTo = 'http://127.0.0.1:9/webhooks/twenty';
    expect((await twenty.asUser('DELETE', `/rest/opportunities/${ids.deal}`)).status).toBe(200);
    await twenty.deliveriesSent();
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    expect((await conversions()).map((row) => row.conversion_type)).toEqual(['deal']);
    const { deleted, gone } = await server.get(TwentySyncService).sync(workspaceId, { full: false });
    expect(deleted.opportunities).toBe(0);
    expect(gone).toEqual({ companies: 0, people: 0, opportunities: 1 });
    await settle(connected);
    expect(await conversions()).toEqual([]);
    expect(await dealRows()).toEqual([]);
    expect(inTwenty('trackflowDealAttributions')).toEqual([]);
    // Once withdrawn it is no longer asked about.
    expect((await server.get(TwentySyncService).sync(workspaceId, { full: false })).gone.opportunities).toBe(0);
  });
});
