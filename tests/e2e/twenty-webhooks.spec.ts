import { randomUUID } from 'node:crypto';
import { signTimestampedBody } from 'src/common/crypto/hmac-signature.util';
import { AppConfig } from 'src/config/app-config';
import { TwentyConnectionRepository } from 'src/crm/twenty/twenty-connection.repository';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';
import { stopTwentyAfterWrites } from 'tests/support/twenty-connected';

const SECRET = 'whsec-e2e';

describe('POST /webhooks/twenty and the lead hook', () => {
  let server: TestServer;
  // Write-backs go here; it knows none of these people, so they are refused once (404) and not retried.
  let twenty: TwentyStandIn;
  let key: string;
  let workspaceId: string;
  const twentyWorkspaceId = `tw-${randomUUID()}`;
  const webhookId = `wh-${randomUUID()}`;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    twenty = await TwentyStandIn.start();
    await server.get(TwentyConnectionService).save({ workspaceId, twentyUrl: twenty.url, twentyWorkspaceId: null, apiKey: 'twenty-api-key-plain', webhookSecret: SECRET, webhookId });
  });
  afterAll(() => stopTwentyAfterWrites(server, twenty));

  function personEvent(record: Record<string, unknown>, eventName = 'person.created', eventDate = new Date().toISOString()): string {
    return JSON.stringify({ targetUrl: `${server.url}/webhooks/twenty`, eventName, objectMetadata: { id: 'obj-person', nameSingular: 'person' }, workspaceId: twentyWorkspaceId, webhookId, eventDate, record });
  }

  function deliver(body: string, options: { secret?: string; timestamp?: number; signature?: string } = {}): Promise<Response> {
    const timestamp = String(options.timestamp ?? Date.now());
    return fetch(`${server.url}/webhooks/twenty`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twenty-webhook-timestamp': timestamp,
        'x-twenty-webhook-signature': options.signature ?? signTimestampedBody(options.secret ?? SECRET, timestamp, body),
        'x-twenty-webhook-nonce': randomUUID(),
      },
      body,
    });
  }

  it('keeps the Twenty credentials sealed at rest', async () => {
    const [row] = await server.dataSource.query(`SELECT api_key_sealed, webhook_secret_sealed FROM trackflow.twenty_connection WHERE workspace_id = $1`, [workspaceId]);
    expect(row.api_key_sealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain('twenty-api-key-plain');
    expect(JSON.stringify(row)).not.toContain(SECRET);
  });

  it('refuses to store credentials without TRACKFLOW_SECRET_KEY, naming it', async () => {
    const unkeyed = new TwentyConnectionService(server.get(TwentyConnectionRepository), { secretKey: null } as AppConfig);
    await expect(unkeyed.save({ workspaceId, twentyUrl: 'https://x.example', twentyWorkspaceId: null, apiKey: 'k', webhookSecret: 's', webhookId: 'wh-x' })).rejects.toThrow(/^TRACKFLOW_SECRET_KEY: is not set/);
  });

  it('turns a person carrying a visitor id into an attributed lead, once however often Twenty delivers it', async () => {
    const { createTrackedLink: link } = await server.ok<{ createTrackedLink: { shortCode: string } }>(
      key,
      `mutation { createTrackedLink(input: {destinationUrl: "https://shop.example.com/", source: "newsletter", medium: "email"}) { shortCode } }`,
    );
    const visitorId = randomUUID();
    const click = await fetch(`${server.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${visitorId}` } });
    expect(click.status).toBe(302);
    await server.drainClicks();

    const personId = `person-${randomUUID()}`;
    const body = personEvent({ id: personId, trackflowVisitorId: visitorId, createdAt: new Date().toISOString(), emails: { primaryEmail: 'ann@example.com' } });
    const first = await deliver(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    // Twenty's retry: new nonce and timestamp, same event.
    expect(await (await deliver(body, { timestamp: Date.now() + 1000 })).json()).toEqual({ received: true, duplicate: true });
    await server.drainQueue('trackflow-crm');

    const conversions = await server.dataSource.query(`SELECT id, conversion_type, visitor_id FROM trackflow.conversion WHERE workspace_id = $1 AND person_id = $2`, [workspaceId, personId]);
    expect(conversions).toEqual([{ id: expect.any(String), conversion_type: 'lead', visitor_id: visitorId }]);
    const rows = await server.dataSource.query(`SELECT model_type, channel, touchpoint_source, attribution_weight FROM trackflow.deal_attribution WHERE conversion_id = $1`, [conversions[0].id]);
    expect(rows).toEqual([{ model_type: 'LAST_TOUCH', channel: 'Email', touchpoint_source: 'newsletter', attribution_weight: 1 }]);
    const [visitor] = await server.dataSource.query(`SELECT person_id FROM trackflow.visitor WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId]);
    expect(visitor.person_id).toBe(personId);
    const [delivery] = await server.dataSource.query(`SELECT processed_at IS NOT NULL AS processed, error FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND record_id = $2`, [workspaceId, personId]);
    expect(delivery).toEqual({ processed: true, error: null });
  });

  it('acknowledges a person without a visitor and records nothing', async () => {
    const personId = `person-${randomUUID()}`;
    expect((await deliver(personEvent({ id: personId, name: { firstName: 'Bo' } }))).status).toBe(200);
    await server.drainQueue('trackflow-crm');
    expect(await server.dataSource.query(`SELECT id FROM trackflow.conversion WHERE workspace_id = $1 AND person_id = $2`, [workspaceId, personId])).toEqual([]);
  });

  it.each([
    ['a forged signature', () => deliver(personEvent({ id: 'p-forged' }), { secret: 'not-the-secret' }), 401, /signature does not match/],
    ['a replay older than 5 minutes', () => deliver(personEvent({ id: 'p-old' }), { timestamp: Date.now() - 6 * 60_000 }), 401, /more than 5 minutes/],
    ['an unsigned delivery', () => deliver(personEvent({ id: 'p-unsigned' }), { signature: '' }), 401, /x-twenty-webhook-signature/],
  ])('refuses %s and processes nothing', async (_label, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
    expect(await server.dataSource.query(`SELECT 1 FROM trackflow.twenty_webhook_delivery WHERE record_id LIKE 'p-%' AND workspace_id = $1`, [workspaceId])).toEqual([]);
  });

  it('answers 404 for an unknown webhook or another Twenty workspace, and 400 for malformed deliveries', async () => {
    const unknown = JSON.stringify({ eventName: 'person.created', objectMetadata: { nameSingular: 'person' }, workspaceId: twentyWorkspaceId, webhookId: 'wh-unknown', eventDate: new Date().toISOString(), record: { id: 'x' } });
    expect((await deliver(unknown)).status).toBe(404);
    // The first delivery pinned the Twenty workspace of this webhook.
    const elsewhere = JSON.stringify({ eventName: 'person.created', objectMetadata: { nameSingular: 'person' }, workspaceId: 'tw-other', webhookId, eventDate: new Date().toISOString(), record: { id: 'y' } });
    expect(await (await deliver(elsewhere)).json()).toMatchObject({ field: 'workspaceId' });
    const malformed = await deliver('{"eventName":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ field: 'body', rule: 'must be valid JSON' });
    const noRecord = await deliver(JSON.stringify({ eventName: 'person.created', objectMetadata: { nameSingular: 'person' }, workspaceId: twentyWorkspaceId, webhookId, eventDate: new Date().toISOString() }));
    expect(await noRecord.json()).toMatchObject({ field: 'record.id' });
  });
});
