import fc from 'fast-check';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

const RUNS = 300;
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', '\r\nSet-Cookie: x=1', '../../etc/passwd', '"><script>alert(1)</script>', "' OR 1=1 --", '\u202e\ufeff', 'a'.repeat(70_000)),
);
const oddValue = fc.oneof(oddText, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

describe('fuzzing the public endpoints and GraphQL inputs', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let publicKey: string;
  let shortCode: string;
  const tried: Record<string, number> = {};
  const count = async (sql: string): Promise<number> => Number((await server.dataSource.query(sql, [workspaceId]))[0].n);

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key, workspaceId } = await server.createKey());
    publicKey = (await server.ok<{ workspace: { publicKey: string } }>(key, '{ workspace { publicKey } }')).workspace.publicKey;
    shortCode = (await server.ok<{ createTrackedLink: { shortCode: string } }>(key, 'mutation { createTrackedLink(input: {destinationUrl: "https://dest.example.com/landing"}) { shortCode } }')).createTrackedLink.shortCode;
    // Far above what the fuzzing sends from one address: the limit is tested elsewhere.
    await server.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
  });

  afterAll(async () => {
    console.log(`fuzz inputs tried: ${JSON.stringify(tried)}, total ${Object.values(tried).reduce((sum, n) => sum + n, 0)}`);
    await server.stop();
  });

  const note = (endpoint: string) => {
    tried[endpoint] = (tried[endpoint] ?? 0) + 1;
  };

  it('/api/collect never answers 5xx and stores exactly the events it accepted', async () => {
    let accepted = 0;
    // Well-formed events carrying odd text, so a fair share of batches is accepted and stored.
    const validEvent = fc.record({ id: fc.uuid(), type: fc.constantFrom('pageview', 'event', 'cta'), name: fc.string({ unit: 'grapheme', maxLength: 50 }), url: fc.string({ maxLength: 50 }).map((text) => `https://site.example.com/${encodeURIComponent(text)}`), ts: fc.constant(Date.now()), properties: fc.dictionary(fc.string({ maxLength: 10 }), oddText, { maxKeys: 3 }) });
    const anyEvent = fc.record({ id: fc.oneof(fc.uuid(), oddValue), type: fc.oneof(fc.constantFrom('pageview', 'event', 'cta', 'identify', 'engagement', 'form_submit'), oddValue), url: fc.oneof(fc.constant('https://site.example.com/p'), oddValue), ts: fc.oneof(fc.constant(Date.now()), oddValue), properties: oddValue, name: oddValue }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.record({ key: fc.oneof(fc.constant(publicKey), oddValue), visitorId: fc.oneof(fc.uuid(), oddValue), events: fc.oneof({ arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 5 }), weight: 3 }, fc.array(fc.oneof(validEvent, anyEvent), { maxLength: 60 }), oddValue) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      oddText,
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'text/plain', 'application/xml', ''), async (text, type) => {
        note('/api/collect');
        const response = await fetch(`${server.url}/api/collect`, { method: 'POST', headers: { 'content-type': type, 'user-agent': BROWSER_UA }, body: text });
        expect(response.status).toBeLessThan(500);
        if (response.status === 202) {
          const answer = (await response.json()) as { accepted: number };
          // Tracker event ids keep events once: a batch repeating an id stores it once.
          const ids = new Set((JSON.parse(text) as { events: { id: string }[] }).events.map((item) => item.id));
          accepted += Math.min(answer.accepted, ids.size);
        } else {
          await response.arrayBuffer();
        }
      }),
      { numRuns: RUNS },
    );
    await server.drainEvents();
    expect(accepted).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM trackflow.visitor_event WHERE workspace_id = $1`)).toBe(accepted);
  });

  it('/api/leads never answers 5xx and queues nothing for a workspace not connected to Twenty', async () => {
    const field = fc.oneof(oddValue, fc.emailAddress());
    const body = fc.oneof(fc.record({ key: fc.oneof(fc.constant(publicKey), oddValue), email: field, first_name: field, redirect: fc.oneof(fc.webUrl(), oddValue) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)), oddText);
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'), async (text, type) => {
        note('/api/leads');
        const response = await fetch(`${server.url}/api/leads`, { method: 'POST', headers: { 'content-type': type }, body: text, redirect: 'manual' });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        expect(response.status).not.toBe(303);
      }),
      { numRuns: RUNS },
    );
    const outbox = server.running.app.get<Queue>(getQueueToken('trackflow-twenty-outbox'));
    expect(await outbox.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0 });
  });

  it('/r/:code never answers 5xx, never redirects anywhere but the stored destination, and records one click per redirect', async () => {
    const before = await count(`SELECT count(*) AS n FROM trackflow.click_event WHERE workspace_id = $1`);
    let redirects = 0;
    const path = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }).map((text) => `/r/${encodeURIComponent(text)}`),
      fc.tuple(fc.constant(shortCode), fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.webUrl(), oddText), { maxKeys: 4 })).map(
        ([code, query]) => `/r/${code}?${new URLSearchParams(Object.entries(query).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : JSON.stringify(value)])).toString()}`,
      ),
      fc.constantFrom('/r/', '/r/..%2f..%2f', `/r/${shortCode}%0d%0aLocation:%20https://evil.example`, `/r/${shortCode}//evil.example`, `/r/${shortCode}?redirect=https://evil.example&url=//evil.example`),
    );
    await fc.assert(
      fc.asyncProperty(path, async (target) => {
        note('/r/:code');
        const response = await fetch(`${server.url}${target}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        if (response.status === 302) {
          redirects += 1;
          expect(new URL(response.headers.get('location') as string).origin + new URL(response.headers.get('location') as string).pathname).toBe('https://dest.example.com/landing');
        }
      }),
      { numRuns: RUNS },
    );
    await server.drainClicks();
    expect(redirects).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM trackflow.click_event WHERE workspace_id = $1`)).toBe(before + redirects);
  });

  it('/webhooks/twenty never answers 5xx and records no unsigned delivery', async () => {
    const deliveries = async () => Number((await server.dataSource.query(`SELECT count(*) AS n FROM trackflow.twenty_webhook_delivery`))[0].n);
    const before = await deliveries();
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)), oddText, fc.record({ webhookId: fc.oneof(fc.uuid(), oddValue), eventName: fc.oneof(fc.constant('person.created'), oddValue), record: oddValue, workspaceId: fc.uuid() }).map((value) => JSON.stringify(value)));
    await fc.assert(
      fc.asyncProperty(body, fc.oneof(fc.constant(undefined), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 })), async (text, signature) => {
        note('/webhooks/twenty');
        const response = await fetch(`${server.url}/webhooks/twenty`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-twenty-webhook-timestamp': String(Date.now()), ...(signature ? { 'x-twenty-webhook-signature': signature } : {}) },
          body: text,
        });
        await response.arrayBuffer();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await deliveries()).toBe(before);
  });

  it('GraphQL inputs never cause an internal error, and only accepted mutations store rows', async () => {
    const before = await count(`SELECT count(*) AS n FROM trackflow.link_campaign WHERE workspace_id = $1`);
    let created = 0;
    const plainName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    const input = fc.oneof(fc.record({ name: plainName, source: fc.option(plainName) }), fc.record({ name: fc.oneof(plainName, oddValue), source: oddValue, medium: oddValue, budget: oddValue, currencyCode: oddValue, startDate: oddValue, campaignType: oddValue }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        note('graphql');
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }', variables: { input: value } }),
        });
        expect(response.status).toBeLessThan(500);
        const answer = (await response.json()) as { data?: { createCampaign?: { id: string } } | null; errors?: { extensions?: { code?: string } }[] };
        expect((answer.errors ?? []).map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
        if (answer.data?.createCampaign?.id) created += 1;
      }),
      { numRuns: RUNS },
    );
    expect(created).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM trackflow.link_campaign WHERE workspace_id = $1`)).toBe(before + created);
  });
});
