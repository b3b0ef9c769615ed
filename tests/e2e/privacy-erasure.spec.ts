import { randomUUID } from 'node:crypto';
import { NOT_VISITOR_DATA, VISITOR_DATA_TABLES } from 'src/privacy/privacy.repository';
import { NOT_A_PARTITION } from 'tests/support/partitions';
import { BROWSER_UA } from 'tests/support/test-server';
import { ConnectedWorkspace, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';

describe('visitor data export and erasure', () => {
  let connected: ConnectedWorkspace;

  beforeAll(async () => {
    connected = await startConnectedWorkspace('privacy');
  });
  afterAll(() => stopConnectedWorkspace(connected));

  /** Rows of any trackflow table whose text form mentions one of the values, by table. */
  async function rowsMentioning(values: string[]): Promise<Record<string, number>> {
    const { server } = connected;
    const tables: { table_name: string }[] = await server.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'trackflow' AND table_type = 'BASE TABLE' AND ${NOT_A_PARTITION}`);
    const found: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      const [{ count }] = await server.dataSource.query(`SELECT count(*)::int AS count FROM trackflow."${table}" t WHERE t::text ILIKE ANY($1::text[])`, [values.map((value) => `%${value}%`)]);
      if (count > 0) found[table] = count;
    }
    return found;
  }

  it('exports everything held about a person, then erases it so that no row references them, keeping counts', async () => {
    const { server, twenty, key } = connected;
    const { workspace } = await server.ok<{ workspace: { id: string; publicKey: string } }>(key, '{ workspace { id publicKey } }');
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { id: string; shortCode: string } }>(
      key,
      'mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", source: "newsletter", medium: "email", utmCampaign: "spring"}) { id shortCode } }',
    );
    const [laptop, phone, other] = [randomUUID(), randomUUID(), randomUUID()];
    for (const visitor of [laptop, laptop, other]) {
      await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitor}` } });
    }
    await server.drainClicks();
    const identify = async (visitorId: string, traits: Record<string, string>) => {
      const response = await fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
        body: JSON.stringify({ key: workspace.publicKey, visitorId, events: [{ id: randomUUID(), type: 'pageview', url: 'https://shop.example.com/p', ts: Date.now() - 1000 }, { id: randomUUID(), type: 'identify', url: 'https://shop.example.com/p', ts: Date.now(), properties: traits }] }),
      });
      expect(response.status).toBe(202);
      await server.drainEvents();
    };
    const annsUserId = `ann-${randomUUID()}`;
    await identify(laptop, { email: 'ann@example.com' });
    await identify(phone, { email: 'Ann@Example.com', externalId: annsUserId });
    await identify(other, { email: 'bob@example.com' });

    const created = await twenty.asUser('POST', '/rest/people', { name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@example.com' }, trackflowVisitorId: laptop });
    const personId = ((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
    await settle(connected);
    await server.ok(key, `mutation { recordConversion(input: {conversionType: "signup", visitorId: "${phone}"}) { id } }`);
    expect(twenty.records.get('people')?.get(personId)).toMatchObject({ trackflowVisitorId: laptop, trackflowFirstTouchDate: expect.any(String), trackflowTouchCount: 3 });

    const { exportVisitorData: exported } = await server.ok<{ exportVisitorData: Record<string, unknown[]> & { visitorIds: string[]; personIds: string[] } }>(
      key,
      '{ exportVisitorData(subject: {email: " ANN@example.com "}) }',
    );
    expect([...exported.visitorIds].sort()).toEqual([laptop, phone].sort());
    expect(exported.personIds).toEqual([personId]);
    expect(exported.clicks).toHaveLength(2);
    expect(exported.events.length).toBeGreaterThanOrEqual(4);
    expect(exported.conversions.map((row) => (row as { conversion_type: string }).conversion_type).sort()).toEqual(['lead', 'signup']);
    expect(exported.dealAttributions.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported)).not.toContain(other);
    expect(Object.keys(await rowsMentioning([laptop, phone, personId])).length).toBeGreaterThan(3);
    expect(await rowsMentioning([annsUserId])).toEqual({ visitor: 1, visitor_event: 1 });
    // The site's own user id names the same person, devices merged with hers included.
    const { exportVisitorData: byUserId } = await server.ok<{ exportVisitorData: { visitorIds: string[]; personIds: string[] } }>(key, `{ exportVisitorData(subject: {externalId: "${annsUserId}"}) }`);
    expect({ visitorIds: [...byUserId.visitorIds].sort(), personIds: byUserId.personIds }).toEqual({ visitorIds: [laptop, phone].sort(), personIds: [personId] });

    const ambiguous = await server.graphql(key, `mutation { eraseVisitorData(subject: {visitorId: "${laptop}", personId: "${personId}"}) }`);
    expect(ambiguous.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visitorId' });

    const { eraseVisitorData: erased } = await server.ok<{ eraseVisitorData: { deleted: Record<string, number>; twentyPeopleCleared: number } }>(
      key,
      `mutation { eraseVisitorData(subject: {personId: "${personId}"}) }`,
    );
    expect(erased.deleted).toMatchObject({ visitors: 2, clicks: 2, conversions: 2 });
    expect(Object.keys(erased.deleted)).toEqual(expect.arrayContaining(Object.values(VISITOR_DATA_TABLES).map((table) => table.count)));
    expect(erased.twentyPeopleCleared).toBe(1);
    await settle(connected);

    // The person lives on in Twenty, whose echo of the cleared fields is bookkept like any delivery
    // (the worker may even take it before this line); nothing names the visitors.
    expect(await rowsMentioning([laptop, phone, annsUserId])).toEqual({});
    expect(Object.keys(await rowsMentioning([personId])).filter((table) => !['crm_person', 'twenty_webhook_delivery'].includes(table))).toEqual([]);
    expect(await server.dataSource.query(`SELECT event_name FROM trackflow.twenty_webhook_delivery WHERE record_id = $1`, [personId])).toEqual([{ event_name: 'person.updated' }]);
    expect(twenty.records.get('people')?.get(personId)).toMatchObject({ trackflowVisitorId: null, trackflowFirstTouchDate: null, trackflowLastTouchDate: null, trackflowTouchCount: 0 });
    // The other visitor is untouched, and the link's counts stay as anonymous aggregates.
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.click_event WHERE visitor_id = $1`, [other])).toEqual([{ n: 1 }]);
    expect(await server.dataSource.query(`SELECT click_count::int AS clicks FROM trackflow.tracked_link WHERE id = $1`, [link.id])).toEqual([{ clicks: 3 }]);
    const [log] = await server.dataSource.query(`SELECT subject_kind, subject_hash, deleted_counts FROM trackflow.privacy_erasure_log WHERE workspace_id = $1`, [workspace.id]);
    expect(log).toMatchObject({ subject_kind: 'personId', deleted_counts: expect.objectContaining({ visitors: 2 }) });
    expect(log.subject_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('covers every table that holds a visitor id, an address or an identifier a visitor gave', async () => {
    const { server } = connected;
    const columns: { table_name: string; column_name: string }[] = await server.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'trackflow' AND column_name ~ '(^|_)visitor_id$|^ip(_address)?$|^external_id$|^email_hash$' AND ${NOT_A_PARTITION}`,
    );
    const tables = new Set(columns.map((column) => column.table_name));
    expect([...tables].filter((table) => !(table in VISITOR_DATA_TABLES) && !(table in NOT_VISITOR_DATA))).toEqual([]);
    // Listed and gone are kept in step both ways: no table listed that the schema no longer has.
    expect(Object.keys(VISITOR_DATA_TABLES).filter((table) => !tables.has(table))).toEqual([]);
    // What the list says leaves by cascade really does, by a foreign key to the visitor.
    const cascading: { table_name: string }[] = await server.dataSource.query(
      `SELECT c.conrelid::regclass::text AS table_name FROM pg_constraint c
       WHERE c.contype = 'f' AND c.confrelid = 'trackflow.visitor'::regclass AND c.confdeltype = 'c'`,
    );
    const cascaded = Object.entries(VISITOR_DATA_TABLES).filter(([, table]) => table.cascade).map(([name]) => `trackflow.${name}`);
    expect(cascading.map((row) => row.table_name)).toEqual(expect.arrayContaining(cascaded));
  });
});
