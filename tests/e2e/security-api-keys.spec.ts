import { randomUUID } from 'node:crypto';
import { signTimestampedBody } from 'src/common/crypto/hmac-signature.util';
import { RedisService } from 'src/common/redis/redis.service';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { ApiKeyAccessService } from 'src/security/api-keys/api-key-access.service';
import { keysMatching } from 'tests/support/redis-keys';
import { TestServer } from 'tests/support/test-server';

type Issued = { apiKey: { id: string; keyPrefix: string; keyLast4: string; scopes: string[] }; secret: string };
const ISSUED = 'apiKey { id keyPrefix keyLast4 scopes } secret';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API keys through GraphQL', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ key: admin } = await server.createKey(undefined, ['admin']));
  });

  afterAll(async () => {
    await server.stop();
  });

  const create = async (input: Record<string, unknown>): Promise<Issued> =>
    (await server.ok<{ createApiKey: Issued }>(admin, `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ${ISSUED} } }`, { input })).createApiKey;
  const campaignsWith = (key: string, base = server.url) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ campaigns { id } }' }) });

  it('shows the secret once, then lists only its prefix and last four characters', async () => {
    const issued = await create({ name: 'reporting', role: 'CAMPAIGN_MANAGER' });
    expect(issued.secret).toMatch(/^tfk_/);
    expect([...issued.apiKey.scopes].sort()).toEqual(['analytics:read', 'attribution:read', 'links:write']);
    const listed = await server.ok<{ apiKeys: Record<string, unknown>[] }>(admin, '{ apiKeys { id name keyPrefix keyLast4 scopes active } }');
    const row = listed.apiKeys.find((key) => key.id === issued.apiKey.id);
    expect(row).toEqual({ id: issued.apiKey.id, name: 'reporting', keyPrefix: issued.secret.slice(0, 8), keyLast4: issued.secret.slice(-4), scopes: issued.apiKey.scopes, active: true });
    expect(JSON.stringify(listed)).not.toContain(issued.secret.slice(8, -4));
    expect((await campaignsWith(issued.secret)).status).toBe(200);
    const settings = await server.graphql(issued.secret, '{ settings { shortCodeLength } }');
    expect(settings.errors?.[0]?.message).toContain('"settings:read"');
  });

  it('refuses unknown scopes and roles naming the field', async () => {
    const result = await server.graphql(admin, 'mutation { createApiKey(input: {name: "x", scopes: ["links:delete"]}) { secret } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
    const noScopes = await server.graphql(admin, 'mutation { createApiKey(input: {name: "x"}) { secret } }');
    expect(noScopes.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
    const links = await create({ name: 'links only', scopes: ['links:write'] });
    expect((await server.graphql(links.secret, '{ apiKeys { id } }')).errors?.[0]?.message).toContain('lacks the "admin" scope');
  });

  it('keeps the old secret working for the grace period after a rotation, then refuses it', async () => {
    const issued = await create({ name: 'rotating', scopes: ['links:read'] });
    expect((await campaignsWith(issued.secret)).status).toBe(200);
    const rotated = (await server.ok<{ rotateApiKey: Issued }>(admin, `mutation { rotateApiKey(input: {id: "${issued.apiKey.id}", graceSeconds: 2}) { ${ISSUED} } }`)).rotateApiKey;
    expect(rotated.secret).not.toBe(issued.secret);
    expect(rotated.apiKey.scopes).toEqual(['links:read']);
    expect((await campaignsWith(issued.secret)).status).toBe(200);
    expect((await campaignsWith(rotated.secret)).status).toBe(200);
    await sleep(2200);
    expect((await campaignsWith(issued.secret)).status).toBe(401);
    expect((await campaignsWith(rotated.secret)).status).toBe(200);
  });

  it('refuses a revoked key at once, in every server process', async () => {
    const other = await TestServer.start();
    try {
      const issued = await create({ name: 'revoked', scopes: ['links:read'] });
      expect((await campaignsWith(issued.secret, other.url)).status).toBe(200);
      await server.ok(admin, `mutation { revokeApiKey(id: "${issued.apiKey.id}") { id } }`);
      await sleep(100);
      expect((await campaignsWith(issued.secret)).status).toBe(401);
      expect((await campaignsWith(issued.secret, other.url)).status).toBe(401);
    } finally {
      await other.stop();
    }
  });

  it('refuses a key after it expires', async () => {
    const issued = await create({ name: 'short-lived', scopes: ['links:read'], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await campaignsWith(issued.secret)).status).toBe(200);
    await server.ok(admin, `mutation($at: DateTime) { setApiKeyExpiry(id: "${issued.apiKey.id}", expiresAt: $at) { id } }`, { at: new Date(Date.now() + 1000).toISOString() });
    await sleep(1200);
    const response = await campaignsWith(issued.secret);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('unknown, revoked or expired');
  });

  it('counts use in Redis and writes it to PostgreSQL on the flush, not per request', async () => {
    const issued = await create({ name: 'counted', scopes: ['links:read'] });
    for (let i = 0; i < 3; i += 1) await campaignsWith(issued.secret);
    const stored = async () => (await server.dataSource.query(`SELECT usage_count::int AS uses, last_used_at FROM trackflow.api_key WHERE id = $1`, [issued.apiKey.id]))[0];
    expect(await stored()).toEqual({ uses: 0, last_used_at: null });
    const listed = await server.ok<{ apiKeys: { id: string; usageCount: string; lastUsedAt: string | null }[] }>(admin, '{ apiKeys { id usageCount lastUsedAt } }');
    expect(listed.apiKeys.find((key) => key.id === issued.apiKey.id)).toMatchObject({ usageCount: '3' });
    await server.get(ApiKeyAccessService).flushUsage();
    const flushed = await stored();
    expect(flushed.uses).toBe(3);
    expect(flushed.last_used_at).not.toBeNull();
    const again = await server.ok<{ apiKeys: { id: string; usageCount: string }[] }>(admin, '{ apiKeys { id usageCount } }');
    expect(again.apiKeys.find((key) => key.id === issued.apiKey.id)?.usageCount).toBe('3');
  });

  it('answers 403 from an address outside the allow-list, IPv4 and IPv6', async () => {
    const v4 = await create({ name: 'office only', scopes: ['links:read'], ipAllowList: [{ cidr: '10.20.0.0/16', description: 'office' }] });
    const refused = await campaignsWith(v4.secret);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toMatch(/may not be used from (::ffff:)?127\.0\.0\.1/);
    await server.ok(admin, `mutation { setApiKeyIpAllowList(id: "${v4.apiKey.id}", ranges: [{cidr: "127.0.0.0/8"}]) { id } }`);
    expect((await campaignsWith(v4.secret)).status).toBe(200);

    const v6 = await create({ name: 'v6 loopback', scopes: ['links:read'], ipAllowList: [{ cidr: '::1/128' }] });
    const ipv6Base = server.url.replace('127.0.0.1', '[::1]');
    expect((await campaignsWith(v6.secret, ipv6Base)).status).toBe(200);
    expect((await campaignsWith(v6.secret)).status).toBe(403);

    const bad = await server.graphql(admin, 'mutation { createApiKey(input: {name: "x", scopes: ["*"], ipAllowList: [{cidr: "10.0.0.0/33"}]}) { secret } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ipAllowList[0].cidr' });
  });

  it("limits each key to the workspace's requests an hour across two server processes, with 429 and Retry-After", async () => {
    const { key, workspaceId } = await server.createKey(undefined, ['links:read']);
    await server.dataSource.query(`UPDATE trackflow.trackflow_settings SET rate_limit_per_hour = 4 WHERE workspace_id = $1`, [workspaceId]);
    const other = await TestServer.start();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await campaignsWith(key, i % 2 === 0 ? server.url : other.url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const refused = await campaignsWith(key, other.url);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await other.stop();
    }
  });
});

/** Statuses of `count` requests sent in turn to the servers, sent again if a fixed window of `windowSeconds` turned over meanwhile. */
async function statusesWithinOneWindow(windowSeconds: number, count: number, send: (index: number) => Promise<Response>, reset: () => Promise<void>): Promise<number[]> {
  for (;;) {
    const window = Math.floor(Date.now() / 1000 / windowSeconds);
    const statuses: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const response = await send(index);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await response.arrayBuffer();
    }
    if (Math.floor(Date.now() / 1000 / windowSeconds) === window) return statuses;
    await reset();
  }
}

async function forgetRateCounts(server: TestServer, bucket: string): Promise<void> {
  const redis = server.get(RedisService);
  const keys = await keysMatching(redis, `rate:${bucket}:*`);
  if (keys.length > 0) await redis.client.del(...keys);
}

describe('rate limits on the public redirect', () => {
  it('answers 429 with Retry-After past the hourly limit per address, counted across two server processes', async () => {
    const first = await TestServer.start();
    const second = await TestServer.start();
    try {
      const { key, workspaceId } = await first.createKey();
      const { createTrackedLink } = await first.ok<{ createTrackedLink: { shortCode: string } }>(key, 'mutation { createTrackedLink(input: {destinationUrl: "https://example.com/"}) { shortCode } }');
      await first.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 3}) { rateLimitPerHour } }');
      const statuses: number[] = [];
      for (const server of [first, second, first, second]) {
        const response = await fetch(`${server.url}/r/${createTrackedLink.shortCode}`, { redirect: 'manual' });
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([302, 302, 302, 429]);
      await first.drainClicks();
      expect(await first.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.click_event WHERE workspace_id = $1`, [workspaceId])).toEqual([{ n: 3 }]);

      // QR codes cost more to draw than a redirect: the same allowance again, counted on its own.
      const formats = ['svg', 'png', 'png', 'svg'];
      const qr = (index: number) => fetch(`${[first, second][index % 2].url}/r/${createTrackedLink.shortCode}/qr.${formats[index]}`);
      expect(await statusesWithinOneWindow(3600, 4, qr, () => forgetRateCounts(first, 'qr'))).toEqual([200, 200, 200, 429]);
      expect((await qr(0)).headers.get('cache-control')).toBe('no-store');
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

describe('rate limit on the Twenty webhook receiver', () => {
  const previous = process.env.TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE;
  afterAll(() => {
    if (previous === undefined) delete process.env.TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE;
    else process.env.TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE = previous;
  });

  it('answers 429 with Retry-After past the deliveries a minute from one address, counted across two server processes', async () => {
    process.env.TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE = '3';
    const first = await TestServer.start();
    const second = await TestServer.start();
    const forget = () => forgetRateCounts(first, 'twenty-webhook');
    try {
      await forget();
      const forged = (index: number) =>
        fetch(`${(index % 2 === 0 ? first : second).url}/webhooks/twenty`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ eventName: 'person.created', webhookId: '00000000-0000-4000-8000-000000000000' }),
        });
      expect(await statusesWithinOneWindow(60, 4, forged, forget)).toEqual([400, 400, 400, 429]);
    } finally {
      await forget();
      await second.stop();
      await first.stop();
    }
  });

  it('never refuses a verified delivery for rate (Twenty would not send it again), even from an address past its limit', async () => {
    process.env.TWENTY_WEBHOOK_RATE_LIMIT_PER_MINUTE = '3';
    const server = await TestServer.start();
    const forget = () => forgetRateCounts(server, 'twenty-webhook');
    try {
      await forget();
      const { workspaceId } = await server.createKey();
      const webhookId = randomUUID();
      await server.get(TwentyConnectionService).save({ workspaceId, twentyUrl: 'https://crm.example.com', twentyWorkspaceId: null, apiKey: 'k', webhookSecret: 'limit-secret', webhookId });
      const post = (body: string, signature?: string) => {
        const timestamp = String(Date.now());
        return fetch(`${server.url}/webhooks/twenty`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-twenty-webhook-timestamp': timestamp, 'x-twenty-webhook-signature': signature ?? signTimestampedBody('limit-secret', timestamp, body) },
          body,
        });
      };
      // An event no hook acts on: nothing is written back to this made-up Twenty.
      const delivery = () => JSON.stringify({ eventName: 'trackflowCampaign.updated', objectMetadata: { id: 'o', nameSingular: 'trackflowCampaign' }, workspaceId: 'tw-limit', webhookId, eventDate: new Date().toISOString(), record: { id: randomUUID() } });
      expect(await statusesWithinOneWindow(60, 4, () => post(delivery(), '0'.repeat(64)), forget)).toEqual([401, 401, 401, 429]);
      const verified = await Promise.all(Array.from({ length: 6 }, () => post(delivery()).then((answer) => answer.status)));
      expect(verified).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await forget();
      await server.stop();
    }
  });
});
