import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifyTwentyWebhook } from 'src/crm/twenty/webhook-signature.util';
import { WEBHOOKS_QUEUE } from 'src/security/webhooks/deliver-webhook.job';
import { TestServer } from 'tests/support/test-server';
import { waitFor } from 'tests/support/waiting';

type Received = { path: string | undefined; headers: IncomingMessage['headers']; body: string; json: { id: string; event: string; data: Record<string, unknown> } };

/** A local subscriber: answers each request with the next status of the script, then 200; a path in `failing` always gets 500. */
class Receiver {
  readonly received: Received[] = [];
  readonly failing = new Set<string>();
  statuses: number[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ path: request.url, headers: request.headers, body, json: JSON.parse(body) });
        response.writeHead(request.url && this.failing.has(request.url) ? 500 : (this.statuses.shift() ?? 200)).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('outgoing webhooks', () => {
  let server: TestServer;
  let receiver: Receiver;
  let receiverUrl: string;
  let admin: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The receiver is on loopback, which only an explicit allowance permits.
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
    process.env.WEBHOOK_RETRY_BASE_MS = '100';
    server = await TestServer.start();
    receiver = new Receiver();
    receiverUrl = await receiver.start();
    ({ key: admin } = await server.createKey());
  });

  afterAll(async () => {
    process.env = saved;
    await server.stop();
    await receiver.stop();
  });

  const subscribe = async (eventType: string, path: string) =>
    (await server.ok<{ subscribeWebhook: { subscription: { id: string }; secret: string } }>(admin, `mutation { subscribeWebhook(eventType: "${eventType}", url: "${receiverUrl}${path}") { subscription { id } secret } }`))
      .subscribeWebhook;
  const drain = () => server.drainQueue(WEBHOOKS_QUEUE, 30_000);

  it('delivers campaign.updated signed like Twenty, over timestamp and body', async () => {
    const { secret } = await subscribe('campaign.updated', '/campaigns');
    const { createCampaign } = await server.ok<{ createCampaign: { id: string } }>(admin, 'mutation { createCampaign(input: {name: "Hooked"}) { id } }');
    await drain();
    const delivery = receiver.received.find((item) => item.json.event === 'campaign.updated');
    expect(delivery?.json.data).toEqual({ campaignIds: [createCampaign.id] });
    const verdict = verifyTwentyWebhook(secret, delivery?.headers['x-trackflow-timestamp'] as string, delivery?.headers['x-trackflow-signature'] as string, delivery?.body ?? '', Date.now());
    expect(verdict).toEqual({ ok: true });
    expect(verifyTwentyWebhook('wrong', delivery?.headers['x-trackflow-timestamp'] as string, delivery?.headers['x-trackflow-signature'] as string, delivery?.body ?? '', Date.now()).ok).toBe(false);
  });

  it('retries with back-off until the subscriber answers, and marks a delivery failed once retries run out', async () => {
    await subscribe('conversion.created', '/conversions');
    receiver.statuses = [500, 503];
    await server.ok(admin, 'mutation { recordConversion(input: {conversionType: "signup", visitorId: "v-hook-1"}) { id } }');
    await drain();
    const deliveries = async (status: string) =>
      (await server.ok<{ webhookDeliveries: { eventType: string; attempts: number; lastStatusCode: number; status: string }[] }>(admin, `{ webhookDeliveries(status: "${status}") { eventType attempts lastStatusCode status } }`)).webhookDeliveries;
    expect((await deliveries('delivered')).find((item) => item.eventType === 'conversion.created')).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    expect(receiver.received.filter((item) => item.json.event === 'conversion.created')).toHaveLength(3);

    receiver.statuses = Array(10).fill(500);
    await server.ok(admin, 'mutation { recordConversion(input: {conversionType: "signup", visitorId: "v-hook-2"}) { id } }');
    await drain();
    receiver.statuses = [];
    expect(await deliveries('failed')).toEqual([{ eventType: 'conversion.created', attempts: 6, lastStatusCode: 500, status: 'failed' }]);
  });

  it('resends a failed delivery through the delivery job, once, and refuses one that did not fail', async () => {
    const failed = (await server.ok<{ webhookDeliveries: { id: string }[] }>(admin, '{ webhookDeliveries(status: "failed") { id } }')).webhookDeliveries;
    expect(failed).toHaveLength(1);
    const before = receiver.received.length;
    const resend = `mutation($id: ID!) { resendWebhookDelivery(id: $id) { id status } }`;
    expect((await server.ok<{ resendWebhookDelivery: { status: string } }>(admin, resend, { id: failed[0].id })).resendWebhookDelivery.status).toBe('pending');
    // A second click while it is pending queues nothing more.
    expect((await server.graphql(admin, resend, { id: failed[0].id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    await drain();
    expect(receiver.received.slice(before).map((item) => item.json.id)).toEqual([failed[0].id]);
    const { webhookDeliveries } = await server.ok<{ webhookDeliveries: { id: string; status: string; attempts: number }[] }>(admin, '{ webhookDeliveries { id status attempts } }');
    expect(webhookDeliveries.find((item) => item.id === failed[0].id)).toEqual({ id: failed[0].id, status: 'delivered', attempts: 7 });
    expect((await server.graphql(admin, resend, { id: failed[0].id })).errors?.[0]?.message).toBe('id: names a delivered delivery: only a failed delivery is sent again');
    expect((await server.graphql(admin, resend, { id: '00000000-0000-4000-8000-000000000000' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('sends link.clicked in batches, without addresses or user agents', async () => {
    await subscribe('link.clicked', '/clicks');
    const { createTrackedLink } = await server.ok<{ createTrackedLink: { shortCode: string } }>(admin, 'mutation { createTrackedLink(input: {destinationUrl: "https://example.com/x"}) { shortCode } }');
    await Promise.all([1, 2, 3].map(() => fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual' })));
    await server.drainClicks();
    await drain();
    const batches = receiver.received.filter((item) => item.json.event === 'link.clicked');
    const clicks = batches.flatMap((item) => item.json.data.clicks as Record<string, unknown>[]);
    expect(clicks).toHaveLength(3);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(clicks[0]).toMatchObject({ shortCode: createTrackedLink.shortCode });
    expect(JSON.stringify(clicks)).not.toMatch(/127\.0\.0\.1|user_?agent/i);
  });

  it('pauses a subscription: nothing new is sent and its retries stop, its secret and log kept; resumed, it is sent events again', async () => {
    const setActive = `mutation($id: ID!, $active: Boolean!) { setWebhookSubscriptionActive(id: $id, active: $active) { id active } }`;
    const { subscription } = await subscribe('campaign.updated', '/paused');
    const sentThere = () => receiver.received.filter((item) => item.path === '/paused').length;
    const changeACampaign = () => server.ok(admin, 'mutation($name: String!) { createCampaign(input: {name: $name}) { id } }', { name: `Paused or not ${randomUUID()}` });

    // Paused while a delivery the subscriber refuses is being retried: the retries stop, and the delivery says why.
    receiver.failing.add('/paused');
    await changeACampaign();
    await waitFor(async () => (sentThere() > 0 ? true : undefined), 10_000, 'a first refused attempt');
    expect((await server.ok<{ setWebhookSubscriptionActive: unknown }>(admin, setActive, { id: subscription.id, active: false })).setWebhookSubscriptionActive).toEqual({ id: subscription.id, active: false });
    await drain();
    receiver.failing.clear();
    const { webhookDeliveries } = await server.ok<{ webhookDeliveries: { subscriptionId: string; lastError: string }[] }>(admin, '{ webhookDeliveries(status: "failed") { subscriptionId lastError } }');
    expect(webhookDeliveries.filter((delivery) => delivery.subscriptionId === subscription.id)).toEqual([{ subscriptionId: subscription.id, lastError: 'subscription paused' }]);

    const attempts = sentThere();
    await changeACampaign();
    await drain();
    expect(sentThere()).toBe(attempts);

    await server.ok(admin, setActive, { id: subscription.id, active: true });
    await changeACampaign();
    await drain();
    expect(sentThere()).toBe(attempts + 1);
    expect((await server.graphql(admin, setActive, { id: '00000000-0000-4000-8000-000000000000', active: false })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses private and loopback targets unless the server allows them', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'false';
    process.env.TRACKFLOW_WORKERS = 'false';
    const strict = await TestServer.start();
    try {
      for (const url of [receiverUrl, 'http://169.254.169.254/latest', 'http://[::1]:9/x', 'http://localhost:9/x']) {
        const result = await strict.graphql(admin, `mutation { subscribeWebhook(eventType: "campaign.updated", url: "${url}") { secret } }`);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      }
      const unknown = await strict.graphql(admin, `mutation { subscribeWebhook(eventType: "link.deleted", url: "https://hooks.example.com/") { secret } }`);
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventType' });
    } finally {
      await strict.stop();
    }
  });
});
