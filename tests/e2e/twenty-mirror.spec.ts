import { randomUUID } from 'node:crypto';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { ConnectedWorkspace, replayDelivery, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

/** Campaigns, links and variants both ways between TrackFlow and Twenty, lead status changes, and the stand-in's own strictness. */
describe('mirror sync with Twenty', () => {
  let connected: ConnectedWorkspace;
  let server: TestServer;
  let twenty: TwentyStandIn;
  let key: string;

  const twentyRest = (method: string, path: string, body?: unknown): Promise<Response> => twenty.asUser(method, `/rest/${path}`, body);
  const record = (plural: string, id: string) => twenty.records.get(plural)?.get(id);

  beforeAll(async () => {
    connected = await startConnectedWorkspace('mirror');
    ({ server, twenty, key } = connected);
  });
  afterAll(() => stopConnectedWorkspace(connected));

  it('puts campaigns, links and variants made in TrackFlow into Twenty, and keeps them up to date', async () => {
    const { createCampaign: campaign } = await server.ok<{ createCampaign: { id: string } }>(
      key,
      `mutation { createCampaign(input: {name: "Winter sale", campaignType: PAID_SOCIAL, source: "meta", medium: "paid", budget: "2500.5"}) { id } }`,
    );
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { id: string; shortCode: string; shortUrl: string } }>(
      key,
      `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/winter", campaignId: "${campaign.id}", title: "Winter landing"}) { id shortCode shortUrl } }`,
    );
    const { createLinkVariant: variant } = await server.ok<{ createLinkVariant: { id: string } }>(
      key,
      `mutation { createLinkVariant(input: {trackedLinkId: "${link.id}", variantName: "B", destinationUrl: "https://shop.example.com/winter-b", weight: 3}) { id } }`,
    );
    await settle(connected);

    expect(record('trackflowCampaigns', campaign.id)).toMatchObject({ name: 'Winter sale', campaignType: 'PAID_SOCIAL', status: 'DRAFT', budget: { amountMicros: 2_500_500_000, currencyCode: 'USD' }, trackflowId: campaign.id });
    expect(record('trackflowLinks', link.id)).toMatchObject({
      name: 'Winter landing',
      shortCode: link.shortCode,
      shortUrl: { primaryLinkUrl: link.shortUrl },
      qrCode: { primaryLinkUrl: `${link.shortUrl}/qr.png` },
      destinationUrl: { primaryLinkUrl: 'https://shop.example.com/winter' },
      status: 'ACTIVE',
      campaignId: campaign.id,
    });
    expect(record('trackflowLinkVariants', variant.id)).toMatchObject({ variantName: 'B', weight: 3, active: true, trackedLinkId: link.id });

    await server.ok(key, `mutation { updateTrackedLink(id: "${link.id}", input: {status: PAUSED}) { id } }`);
    await server.ok(key, `mutation { deleteLinkVariant(id: "${variant.id}") }`);
    await settle(connected);
    expect(record('trackflowLinks', link.id)).toMatchObject({ status: 'PAUSED' });
    // Destroyed, not soft-deleted: the variant is gone from TrackFlow for good, and a copy restored from Twenty's trash would belong to nothing (docs/twenty-contracts.md, R6).
    expect(record('trackflowLinkVariants', variant.id)).toBeUndefined();
    expect(twenty.deliveries.filter((delivery) => delivery.eventName === 'trackflowLinkVariant.destroyed' && delivery.recordId === variant.id)).toHaveLength(1);
  });

  it('applies edits staff make in Twenty to campaigns, links and variants, and puts back an edit TrackFlow refuses', async () => {
    const { createCampaign: campaign } = await server.ok<{ createCampaign: { id: string } }>(key, `mutation { createCampaign(input: {name: "Spring fair", source: "events"}) { id } }`);
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { id: string } }>(key, `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/fair", campaignId: "${campaign.id}"}) { id } }`);
    const { createLinkVariant: variant } = await server.ok<{ createLinkVariant: { id: string } }>(key, `mutation { createLinkVariant(input: {trackedLinkId: "${link.id}", variantName: "A", destinationUrl: "https://shop.example.com/fair-a", weight: 1}) { id } }`);
    await settle(connected);
    const writesBefore = twenty.requests.filter((request) => request.method !== 'GET').length;

    expect((await twentyRest('PATCH', `trackflowCampaigns/${campaign.id}`, { name: 'Spring fair 2027', status: 'ACTIVE', budget: { amountMicros: 1_500_000_000, currencyCode: 'USD' } })).status).toBe(200);
    expect((await twentyRest('PATCH', `trackflowLinkVariants/${variant.id}`, { weight: 4 })).status).toBe(200);
    await settle(connected);
    const { campaign: edited } = await server.ok<{ campaign: { name: string; status: string; budget: string } }>(key, `{ campaign(id: "${campaign.id}") { name status budget } }`);
    expect(edited).toEqual({ name: 'Spring fair 2027', status: 'ACTIVE', budget: '1500' });
    const [{ weight }] = await server.dataSource.query(`SELECT weight FROM trackflow.campaign_link_variant WHERE id = $1`, [variant.id]);
    expect(weight).toBe(4);
    // Applying them wrote the same values back to Twenty's copies, whose echo changed nothing more.
    expect(record('trackflowCampaigns', campaign.id)).toMatchObject({ name: 'Spring fair 2027', status: 'ACTIVE' });
    expect(twenty.requests.filter((request) => request.method !== 'GET').length - writesBefore).toBeLessThanOrEqual(2);

    // A destination TrackFlow's redirect would refuse: refused here too, and Twenty shows TrackFlow's again.
    expect((await twentyRest('PATCH', `trackflowLinks/${link.id}`, { destinationUrl: { primaryLinkUrl: 'javascript:alert(1)' } })).status).toBe(200);
    await settle(connected);
    const { trackedLink } = await server.ok<{ trackedLink: { destinationUrl: string } }>(key, `{ trackedLink(id: "${link.id}") { destinationUrl } }`);
    expect(trackedLink.destinationUrl).toBe('https://shop.example.com/fair');
    expect(record('trackflowLinks', link.id)).toMatchObject({ destinationUrl: { primaryLinkUrl: 'https://shop.example.com/fair' } });
  });

  it("fills Twenty's Attribution Model object with the workspace's models and keeps it in step", async () => {
    const models = () => [...(twenty.records.get('trackflowAttributionModels')?.values() ?? [])].map((model) => [model.modelType, model.isDefault, model.isActive]).sort();
    const { attributionModels } = await server.ok<{ attributionModels: { id: string; modelType: string }[] }>(key, `{ attributionModels { id modelType } }`);
    await settle(connected);
    expect(models()).toEqual(attributionModels.map((model) => [model.modelType, true, true]));
    const { createAttributionModel: linear } = await server.ok<{ createAttributionModel: { id: string } }>(key, `mutation { createAttributionModel(input: {name: "Linear for Q4", modelType: "LINEAR", lookbackWindowDays: 60}) { id } }`);
    await settle(connected);
    expect(twenty.records.get('trackflowAttributionModels')?.get(linear.id)).toMatchObject({ name: 'Linear for Q4', modelType: 'LINEAR', isDefault: false, lookbackWindowDays: 60, trackflowId: linear.id });
    await server.ok(key, `mutation { setDefaultAttributionModel(id: "${linear.id}") { id } }`);
    await settle(connected);
    expect(models()).toEqual([[attributionModels[0].modelType, false, true], ['LINEAR', true, true]].sort());
    await server.ok(key, `mutation { setDefaultAttributionModel(id: "${attributionModels[0].id}") { id } }`);
    await server.ok(key, `mutation { deleteAttributionModel(id: "${linear.id}") }`);
    await settle(connected);
    expect(models()).toEqual([[attributionModels[0].modelType, true, true]]);
  });

  it('gives a tracked link made in Twenty its short code, short URL and QR code, and it redirects', async () => {
    const created = await twentyRest('POST', 'trackflowLinks', { name: 'From the CRM', destinationUrl: { primaryLinkUrl: 'https://shop.example.com/crm' } });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { createTrackflowLink: { id: string } } }).data.createTrackflowLink.id;
    await settle(connected);

    const mirrored = record('trackflowLinks', id) as { shortCode: string; shortUrl: { primaryLinkUrl: string }; trackflowId: string; qrCode: { primaryLinkUrl: string } };
    expect(mirrored).toMatchObject({ shortCode: expect.stringMatching(/^[A-Za-z0-9]{6}$/), trackflowId: id, qrCode: { primaryLinkUrl: expect.stringMatching(/\/qr\.png$/) } });
    expect(mirrored.shortUrl.primaryLinkUrl).toBe(`http://localhost:3300/r/${mirrored.shortCode}`);
    const redirect = await fetch(`${server.url}/r/${mirrored.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\/shop\.example\.com\/crm\?/);
    const { trackedLink } = await server.ok<{ trackedLink: { id: string; title: string } }>(key, `{ trackedLink(id: "${id}") { id title } }`);
    expect(trackedLink).toEqual({ id, title: 'From the CRM' });
  });

  it('does not retry a link staff typed wrongly in Twenty, and creates nothing for it', async () => {
    const created = await twentyRest('POST', 'trackflowLinks', { name: 'Broken', destinationUrl: { primaryLinkUrl: 'javascript:alert(1)' } });
    const id = ((await created.json()) as { data: { createTrackflowLink: { id: string } } }).data.createTrackflowLink.id;
    await settle(connected);
    expect(await server.dataSource.query(`SELECT id FROM trackflow.tracked_link WHERE id = $1`, [id])).toEqual([]);
    const [delivery] = await server.dataSource.query(`SELECT processed_at, error FROM trackflow.twenty_webhook_delivery WHERE record_id = $1`, [id]);
    expect(delivery).toMatchObject({ processed_at: expect.any(Date), error: null });
  });

  it('logs changes of the lead status field named in settings (which the install made), with the staff member who made each', async () => {
    expect(twenty.object('person')?.fields.find((field) => field.name === 'leadStatus')?.type).toBe('SELECT');
    const created = await twentyRest('POST', 'people', { name: { firstName: 'Cy', lastName: 'Ro' }, emails: { primaryEmail: `cy-${randomUUID()}@example.com` }, leadStatus: 'NEW' });
    const personId = ((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
    await settle(connected);
    expect((await twentyRest('PATCH', `people/${personId}`, { leadStatus: 'QUALIFIED' })).status).toBe(200);
    await settle(connected);
    // A repeated delivery (a proxy's retry) must not log the change twice.
    expect(await replayDelivery(connected, `${server.url}/webhooks/twenty`, 'person.updated', personId)).toBe(200);
    await settle(connected);
    const { leadStatusHistory } = await server.ok<{ leadStatusHistory: { fromStatus: string | null; toStatus: string; changedBy: string | null }[] }>(
      key,
      `query($id: String!) { leadStatusHistory(personId: $id) { fromStatus toStatus changedBy } }`,
      { id: personId },
    );
    expect(leadStatusHistory).toEqual([
      { fromStatus: null, toStatus: 'NEW', changedBy: twenty.workspaceMemberId },
      { fromStatus: 'NEW', toStatus: 'QUALIFIED', changedBy: twenty.workspaceMemberId },
    ]);
  });

  it("sends a record's newest values whatever order retries run in, and merges updates waiting for the same record", async () => {
    const created = await twentyRest('POST', 'people', { name: { firstName: 'Di', lastName: 'Su' }, emails: { primaryEmail: `di-${randomUUID()}@example.com` } });
    const personId = ((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
    await settle(connected);
    const [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [connected.workspaceName]);
    const outbox = server.get(TwentyOutboxService);
    twenty.failNext(500, 3);
    await outbox.updateRecord({ workspaceId, plural: 'people', recordId: personId, data: { trackflowSource: 'first', trackflowMedium: 'email' } });
    await outbox.updateRecord({ workspaceId, plural: 'people', recordId: personId, data: { trackflowSource: 'second' } });
    await settle(connected);
    expect(record('people', personId)).toMatchObject({ trackflowSource: 'second', trackflowMedium: 'email' });
    expect(await server.dataSource.query(`SELECT * FROM trackflow.twenty_pending_update WHERE record_id = $1`, [personId])).toEqual([]);
  });

  it('has a stand-in that refuses what Twenty refuses: wrong value types, taken ids, oversized batches, unknown relation columns', async () => {
    const answers = await Promise.all([
      twentyRest('POST', 'trackflowLinks', { name: 'x', clickCount: 'many' }),
      twentyRest('POST', 'trackflowLinks', { name: 'x', status: 'GONE' }),
      twentyRest('POST', 'trackflowLinks', { name: 'x', campaign: { id: randomUUID() } }),
      twentyRest('POST', 'trackflowLinks', { id: 'not-a-uuid', name: 'x' }),
      twentyRest('POST', 'batch/trackflowLinks?upsert=true', Array.from({ length: 61 }, () => ({ name: 'x' }))),
      twentyRest('POST', 'batch/trackflowLinks', []),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
    const id = randomUUID();
    expect((await twentyRest('POST', 'trackflowCampaigns', { id, name: 'y' })).status).toBe(201);
    expect((await twentyRest('POST', 'trackflowCampaigns', { id, name: 'y' })).status).toBe(400);
    expect((await twentyRest('POST', 'trackflowCampaigns?upsert=true', { id, name: 'z' })).status).toBe(201);
    expect(record('trackflowCampaigns', id)).toMatchObject({ name: 'z' });
  });
});
