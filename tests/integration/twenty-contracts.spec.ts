import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CAMPAIGN, TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { TwentyApiError, TwentyClient } from 'src/crm/twenty/twenty-client';
import { verifyTwentyWebhook } from 'src/crm/twenty/webhook-signature.util';
import { TwentyStandIn, TwentyVersion } from 'standin/twenty/twenty-standin';

/**
 * One test (or more) per entry of docs/twenty-contracts.md: TrackFlow's client against the
 * stand-in, which answers as Twenty's source says, failures included. The entry is named in
 * each test; both supported versions are run where the contract differs between them.
 */
const FAST = { baseDelayMs: 5, maxAttempts: 1 };
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as TwentyApiError);

/** A receiver that records what Twenty posts to it and answers with `status`. */
async function receiver(status = 200): Promise<{ url: string; received: { headers: IncomingMessage['headers']; body: string }[]; close: () => Promise<void> }> {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each<TwentyVersion>(['current', 'previous'])('Twenty contracts against the stand-in (%s version)', (version) => {
  let twenty: TwentyStandIn;
  let client: TwentyClient;

  beforeEach(async () => {
    twenty = await TwentyStandIn.start({ version, outboundSafeMode: false });
    client = new TwentyClient(twenty.url, twenty.apiKey, FAST);
  });
  afterEach(() => twenty.stop());

  it('A1: a missing, wrong or revoked key is an auth failure', async () => {
    const missing = await fetch(`${twenty.url}/rest/people`);
    expect([missing.status, await missing.json()]).toEqual(
      version === 'current'
        ? [401, { statusCode: 401, messages: ['Missing authentication token'], error: 'UNAUTHENTICATED' }]
        : [403, { statusCode: 403, messages: ['Missing authentication token'], error: 'FORBIDDEN_EXCEPTION' }],
    );
    expect(await failure(new TwentyClient(twenty.url, 'wrong', FAST).listRecords('people', {}))).toMatchObject({ status: 401, kind: 'auth' });
    const revoked = twenty.createApiKey(['DATA_MODEL', 'API_KEYS_AND_WEBHOOKS']);
    twenty.revokeApiKey(revoked);
    expect(await failure(new TwentyClient(twenty.url, revoked, FAST).listWebhooks())).toMatchObject({ status: 403, kind: 'auth', code: 'FORBIDDEN_EXCEPTION' });
  });

  it('M1: lists every object with its fields and universal identifiers, across pages', async () => {
    const objects = await client.listObjects();
    expect(objects.map((object) => object.nameSingular).sort()).toEqual(['company', 'opportunity', 'person']);
    // A Twenty without ownership fields is asked without them.
    expect(objects.find((object) => object.nameSingular === 'person')).toMatchObject({ universalIdentifier: version === 'current' ? '20202020-e674-48e5-a542-72570eee7213' : null, isSystem: false });
    // A query naming isCustom fails on Twenty ≥ 2.12: the client must not send it.
    const withIsCustom = await fetch(`${twenty.url}/metadata`, { method: 'POST', headers: { authorization: `Bearer ${twenty.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ objects { edges { node { isCustom } } } }' }) });
    const answer = (await withIsCustom.json()) as { errors?: unknown[] };
    expect(withIsCustom.status === 200 && !answer.errors).toBe(version === 'previous');
  });

  it('M2/M3/M4: creates objects, plain fields and relations; the inverse is named from its label', async () => {
    const campaign = await client.createObject(CAMPAIGN);
    const link = await client.createObject(TRACKED_LINK);
    const relation = TRACKED_LINK.fields.find((field) => field.type === 'RELATION');
    await client.createField(link, relation!, campaign);
    const status = CAMPAIGN.fields.find((field) => field.name === 'status');
    await client.createField(campaign, status!);
    const created = twenty.object(CAMPAIGN.nameSingular);
    expect(created?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['name', 'position', 'createdBy', 'status', 'trackedLinks']));
    expect((created?.fields.find((field) => field.name === 'status')?.options as { id: string }[]).every((option) => /^[0-9a-f-]{36}$/.test(option.id))).toBe(true);
    expect(twenty.object(TRACKED_LINK.nameSingular)?.fields.find((field) => field.name === 'campaign')?.settings).toMatchObject({ relationType: 'MANY_TO_ONE', joinColumnName: 'campaignId' });
  });

  it('M4: a reserved name is refused as given; a reserved inverse label is renamed (current) or refused (previous)', async () => {
    const campaign = await client.createObject(CAMPAIGN);
    const link = await client.createObject(TRACKED_LINK);
    const reserved = await failure(client.createField(campaign, { ...CAMPAIGN.fields[4], name: 'links' }));
    expect(reserved).toMatchObject({ kind: 'invalid' });
    expect(reserved?.message).toMatch(version === 'current' ? /This name is reserved/ : /The name "links" is not available/);
    const relation = { ...TRACKED_LINK.fields.find((field) => field.type === 'RELATION')!, inverseLabel: 'Links' };
    const inverse = await failure(client.createField(link, relation, campaign));
    if (version === 'current') {
      expect(inverse).toBeNull();
      expect(twenty.object(CAMPAIGN.nameSingular)?.fields.map((field) => field.name)).toContain('linksCustom');
    } else {
      expect(inverse?.message).toMatch(/The name "links" is not available/);
    }
  });

  it('M5: deletes fields and objects by UUID (deactivating first, which the previous version requires), taking the inverse relation fields along', async () => {
    const campaign = await client.createObject(CAMPAIGN);
    const link = await client.createObject(TRACKED_LINK);
    await client.createField(link, TRACKED_LINK.fields.find((field) => field.type === 'RELATION')!, campaign);
    await client.createField(campaign, CAMPAIGN.fields.find((field) => field.name === 'source')!);
    const source = (await client.listObjects()).find((object) => object.nameSingular === CAMPAIGN.nameSingular)!.fields.find((field) => field.name === 'source');
    await client.deleteField(source!.id);
    await client.deleteObject(link);
    expect(twenty.object(TRACKED_LINK.nameSingular)).toBeUndefined();
    expect(twenty.object(CAMPAIGN.nameSingular)?.fields.map((field) => field.name)).not.toEqual(expect.arrayContaining(['trackedLinks']));
    expect(twenty.object(CAMPAIGN.nameSingular)?.fields.map((field) => field.name)).not.toContain('source');
    // ID! where Twenty declares UUID! is a validation error, as the old client met it.
    const wrongType = await fetch(`${twenty.url}/metadata`, { method: 'POST', headers: { authorization: `Bearer ${twenty.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($id: ID!) { deleteOneObject(input: {id: $id}) { id } }', variables: { id: campaign } }) });
    expect(((await wrongType.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('M6: a key whose role lacks DATA_MODEL may read the data model but not change it', async () => {
    const limited = new TwentyClient(twenty.url, twenty.createApiKey(['API_KEYS_AND_WEBHOOKS']), FAST);
    expect((await limited.listObjects()).length).toBe(3);
    expect(await failure(limited.createObject(CAMPAIGN))).toMatchObject({ kind: 'permission', code: 'FORBIDDEN' });
  });

  it('M8: updateOneField replaces a select\'s options with the list sent, matched by id; a duplicated value or position is refused, and records may then hold the new value', async () => {
    const campaign = await client.createObject(CAMPAIGN);
    await client.createField(campaign, CAMPAIGN.fields.find((field) => field.name === 'status')!);
    const listed = () => twenty.object(CAMPAIGN.nameSingular)!.fields.find((field) => field.name === 'status')!;
    const held = (await client.listObjects()).find((object) => object.nameSingular === CAMPAIGN.nameSingular)!.fields.find((field) => field.name === 'status')!;
    // M1 lists the options with their ids.
    expect(held.options?.map((option) => option.value)).toEqual(['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED']);
    const before = held.options!;

    expect((await failure(client.createRecord(CAMPAIGN.namePlural, { name: 'Webinar', status: 'SCHEDULED' })))?.message).toContain(`Invalid value 'SCHEDULED' for field "status"`);
    await client.updateFieldOptions(held.id, [...before, { value: 'SCHEDULED', label: 'Scheduled', position: 5, color: 'sky' }]);
    const after = listed().options as { id: string; value: string }[];
    expect(after.slice(0, before.length)).toEqual(before.map((option) => expect.objectContaining({ id: option.id, value: option.value })));
    expect(after[before.length]).toMatchObject({ value: 'SCHEDULED', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await failure(client.createRecord(CAMPAIGN.namePlural, { name: 'Webinar', status: 'SCHEDULED' }))).toBeNull();

    const duplicated = await failure(client.updateFieldOptions(held.id, [...before, { value: 'DRAFT', label: 'Draft again', position: 9, color: 'gray' }]));
    expect(duplicated).toMatchObject({ kind: 'invalid' });
    expect(duplicated?.message).toContain('Duplicated option value');
    expect((await failure(client.updateFieldOptions(held.id, [...before, { value: 'LATER', label: 'Later', position: 0, color: 'gray' }])))?.message).toContain('Duplicated option position');
    // What was refused changed nothing.
    expect((listed().options as unknown[]).length).toBe(before.length + 1);

    const limited = new TwentyClient(twenty.url, twenty.createApiKey(['API_KEYS_AND_WEBHOOKS']), FAST);
    expect(await failure(limited.updateFieldOptions(held.id, before))).toMatchObject({ kind: 'permission', code: 'FORBIDDEN' });
  });

  it('W1/W2: creates a webhook with our secret, finds it by its normalised URL, on whichever list shape the version answers', async () => {
    const created = await client.createWebhook('http://TrackFlow.example:3300/webhooks/twenty', ['person.*'], 'our-secret', 'TrackFlow');
    expect(created).toMatchObject({ targetUrl: 'http://trackflow.example:3300/webhooks/twenty', operations: ['person.*'], secret: 'our-secret' });
    const raw = await fetch(`${twenty.url}/rest/metadata/webhooks`, { headers: { authorization: `Bearer ${twenty.apiKey}` } }).then((answer) => answer.json());
    expect(Array.isArray(raw)).toBe(version === 'previous');
    expect((await client.listWebhooks()).map((webhook) => webhook.id)).toEqual([created.id]);
  });

  it('W4: deleting a webhook already gone is "already gone", whether Twenty answers 200 false or 404', async () => {
    const created = await client.createWebhook('https://trackflow.example/webhooks/twenty', ['*.*'], 's', 'TrackFlow');
    expect(await client.deleteWebhook(created.id)).toBe('deleted');
    const again = await fetch(`${twenty.url}/rest/metadata/webhooks/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${twenty.apiKey}` } });
    expect([again.status, await again.text()]).toEqual(version === 'previous' ? [200, 'false'] : [404, JSON.stringify({ statusCode: 404, error: 'NotFoundException', messages: ['Webhook not found'], code: 'WEBHOOK_NOT_FOUND' })]);
    expect(await client.deleteWebhook(created.id)).toBe('already-gone');
  });

  it('W5: a key whose role lacks API_KEYS_AND_WEBHOOKS is refused every webhook route: 403, or 400 in the previous version', async () => {
    const limited = new TwentyClient(twenty.url, twenty.createApiKey(['DATA_MODEL']), FAST);
    const refused = await failure(limited.listWebhooks());
    expect(refused).toMatchObject({ status: version === 'current' ? 403 : 400, kind: 'permission', code: 'PERMISSION_DENIED' });
    expect(await failure(limited.createWebhook('https://x.example/', ['*.*'], 's', 'x'))).toMatchObject({ kind: 'permission' });
    expect(twenty.webhooks).toEqual([]);
  });

  it('R1: pages through records changed since a moment, in updatedAt order, with Twenty cursors', async () => {
    for (let index = 0; index < 7; index += 1) await client.createRecord('people', { name: { firstName: `P${index}`, lastName: 'X' }, emails: { primaryEmail: `p${index}@example.com` } });
    const seen: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages += 1) {
      const page = await client.listRecords('people', { filter: 'updatedAt[gte]:"2000-01-01T00:00:00.000Z"', orderBy: 'updatedAt[AscNullsFirst]', cursor, limit: 3 });
      seen.push(...page.records.map((record) => (record.name as { firstName: string }).firstName));
      cursor = page.nextCursor;
    }
    // Twenty orders by updatedAt, then by id (R1): records made in the same millisecond come in id order.
    const byUpdatedAtThenId = [...(twenty.records.get('people')?.values() ?? [])].sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)) || String(a.id).localeCompare(String(b.id)));
    expect(seen).toEqual(byUpdatedAtThenId.map((record) => (record.name as { firstName: string }).firstName));
    expect([...seen].sort()).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    expect((await client.findPeopleByEmail('p3@example.com')).length).toBe(1);
    expect(await failure(client.listRecords('people', { filter: 'updatedAt[after]:"x"' }))).toMatchObject({ status: 400, kind: 'invalid' });
  });

  it('R2/R5: creates and updates a record; an unknown field or a bad select value is refused naming the field', async () => {
    const id = await client.createRecord('opportunities', { name: 'Deal', amount: { amountMicros: 5_000_000, currencyCode: 'EUR' } });
    await client.updateRecord('opportunities', id, { stage: 'MEETING' });
    expect(twenty.records.get('opportunities')?.get(id)).toMatchObject({ stage: 'MEETING', createdBy: { source: 'API' } });
    expect((await failure(client.updateRecord('opportunities', id, { stage: 'WON' })))?.message).toContain(`Invalid value 'WON' for field "stage"`);
    expect((await failure(client.createRecord('people', { nickname: 'x' })))?.message).toContain(`Object person doesn't have any "nickname" field.`);
    expect(await failure(client.updateRecord('opportunities', '7f1d3b1e-0000-4000-8000-000000000000', { stage: 'NEW' }))).toMatchObject({ status: 404, kind: 'not-found' });
  });

  it('R3/R4: upserts a batch by id, restoring a soft-deleted record; more than 60 records is refused before sending', async () => {
    const id = await client.createRecord('companies', { name: 'Acme' });
    await fetch(`${twenty.url}/rest/companies/${id}?soft_delete=true`, { method: 'DELETE', headers: { authorization: `Bearer ${twenty.apiKey}` } });
    await client.upsertRecords('companies', [{ id, name: 'Acme Inc' }, { name: 'Globex' }]);
    expect(twenty.records.get('companies')?.get(id)).toMatchObject({ name: 'Acme Inc', deletedAt: null });
    expect(twenty.records.get('companies')?.size).toBe(2);
    expect(await failure(client.upsertRecords('companies', Array.from({ length: 61 }, (_, index) => ({ name: `C${index}` }))))).toMatchObject({ kind: 'invalid' });
  });

  it('R6: DELETE destroys (event destroyed) unless soft_delete=true (event deleted); a record already gone is fine', async () => {
    const hook = await receiver();
    try {
      await client.createWebhook(hook.url, ['company.*'], 's', 'test');
      const id = await client.createRecord('companies', { name: 'Gone' });
      await client.destroyRecord('companies', id);
      await client.destroyRecord('companies', id);
      await twenty.deliveriesSent();
      expect(twenty.records.get('companies')?.has(id)).toBe(false);
      expect(hook.received.map((delivery) => JSON.parse(delivery.body).eventName)).toEqual(['company.created', 'company.destroyed']);
    } finally {
      await hook.close();
    }
  });

  it('R7: record requests of all API keys share the workspace buckets; 429 has no Retry-After; users and metadata are not throttled', async () => {
    await twenty.stop();
    twenty = await TwentyStandIn.start({ version, throttle: { shortLimit: 100, shortTtlMs: 1000, longLimit: 5, longTtlMs: 60_000 } });
    const other = new TwentyClient(twenty.url, twenty.createApiKey([]), FAST);
    const first = new TwentyClient(twenty.url, twenty.apiKey, FAST);
    for (let index = 0; index < 5; index += 1) await (index % 2 ? other : first).listRecords('people', {});
    const answer = await fetch(`${twenty.url}/rest/people`, { headers: { authorization: `Bearer ${twenty.apiKey}` } });
    expect([answer.status, answer.headers.get('retry-after'), await answer.json()]).toEqual([429, null, { statusCode: 429, error: 'HttpException', messages: ['Limit reached (5 tokens per 60000 ms)'] }]);
    expect(await failure(other.listRecords('people', {}))).toMatchObject({ status: 429, kind: 'throttled' });
    expect((await twenty.asUser('GET', '/rest/people')).status).toBe(200);
    expect((await first.listObjects()).length).toBe(3);
    expect((await first.listWebhooks()).length).toBe(0);
  });

  it('D1/D2: one signed POST per record and webhook, verified by our check; a failed delivery is never sent again', async () => {
    const hook = await receiver(500);
    try {
      const webhook = await client.createWebhook(hook.url, ['person.created'], 'delivery-secret', 'test');
      const id = await client.createRecord('people', { name: { firstName: 'Ann', lastName: 'Lee' } });
      await twenty.deliveriesSent();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hook.received).toHaveLength(1);
      const [{ headers, body }] = hook.received;
      expect(verifyTwentyWebhook('delivery-secret', headers['x-twenty-webhook-timestamp'] as string, headers['x-twenty-webhook-signature'] as string, body, Date.now())).toEqual({ ok: true });
      expect(headers['x-twenty-webhook-nonce']).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(body)).toMatchObject({ eventName: 'person.created', webhookId: webhook.id, workspaceId: twenty.workspaceId, objectMetadata: { nameSingular: 'person' }, record: { id } });
      expect(twenty.deliveries).toEqual([{ eventName: 'person.created', recordId: id, webhookId: webhook.id, status: 500 }]);
    } finally {
      await hook.close();
    }
  });

  it('D3: with outbound safe mode on (Twenty’s default) nothing is delivered to a loopback address, and only the audit says so', async () => {
    const hook = await receiver();
    try {
      twenty.outboundSafeMode = true;
      await client.createWebhook(hook.url, ['*.*'], 's', 'test');
      await client.createRecord('companies', { name: 'Hidden' });
      await twenty.deliveriesSent();
      expect(hook.received).toEqual([]);
      expect(twenty.deliveries[0]).toMatchObject({ status: 0, error: 'Webhook URL resolves to a private/internal IP address' });
    } finally {
      await hook.close();
    }
  });
});
