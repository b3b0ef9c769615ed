import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis, { Cluster } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { runExclusive } from 'src/common/queue/job-lock';
import { RedisService } from 'src/common/redis/redis.service';
import { loadConfig } from 'src/config/app-config';
import { TwentyRequestBudget } from 'src/crm/twenty/twenty-request-budget.service';
import { ApiKeyAccessService } from 'src/security/api-keys/api-key-access.service';
import { RateLimiterService } from 'src/security/rate-limits/rate-limiter.service';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { RunningRedisCluster, startRedisCluster } from 'bench/support/redis-cluster';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { waitFor, withEnv } from 'tests/support/waiting';

type LinkResult = { createTrackedLink: { id: string; shortCode: string } };

const SITE = 'https://cluster.example.com';

describe('TrackFlow on a Redis Cluster (three masters, three replicas)', () => {
  let cluster: RunningRedisCluster;
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  const prefix = loadConfig().redisPrefix;

  const startServer = (env: Record<string, string> = {}) => withEnv({ REDIS_URL: cluster.url, ...env }, () => TestServer.start());

  async function createLink(on: TestServer, destination: string): Promise<{ id: string; shortCode: string }> {
    return (await on.ok<LinkResult>(key, `mutation { createTrackedLink(input: {destinationUrl: "${destination}"}) { id shortCode } }`)).createTrackedLink;
  }

  async function storedClicks(linkId: string): Promise<number> {
    const [row]: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM trackflow.click_event WHERE workspace_id = $1 AND tracked_link_id = $2', [workspaceId, linkId]);
    return Number(row.count);
  }

  const redirect = (shortCode: string, on = server) => fetch(`${on.url}/r/${shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });

  /** The master now serving the slot of a key (whole name, prefix included), asked of the first seed still alive (a failover kills one). */
  async function masterOf(wholeKey: string): Promise<number> {
    for (const seed of cluster.seeds) {
      const node = new Redis(seed.port, seed.host, { retryStrategy: () => null, maxRetriesPerRequest: 0 });
      node.on('error', () => undefined);
      try {
        const slot = Number(await node.cluster('KEYSLOT', wholeKey));
        const range = (await node.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to);
        if (!range?.[2]) throw new Error(`no master serves slot ${slot}`);
        return range[2][1];
      } catch (error) {
        if (node.status === 'ready') throw error;
      } finally {
        node.disconnect();
      }
    }
    throw new Error('no seed of the cluster answers');
  }

  beforeAll(async () => {
    // TEST_REDIS_CLUSTER_PORT lets engineers sharing a machine run this spec at once, each on six ports of their own.
    cluster = await startRedisCluster({ firstPort: Number(process.env.TEST_REDIS_CLUSTER_PORT ?? 57001) });
    server = await startServer();
    ({ key, workspaceId } = await server.createKey());
    // Six nodes forming a cluster and syncing three replicas take longer than a test on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
  });

  it("keeps each queue's keys in one slot, under the deployment's prefix, spread over the masters", async () => {
    const nodes = new Cluster(cluster.seeds);
    try {
      const link = await createLink(server, 'https://example.com/slots');
      expect((await redirect(link.shortCode)).status).toBe(302);
      await server.drainClicks();
      const queueKeys = (await Promise.all(nodes.nodes('master').map((node) => node.keys(`${prefix}:{trackflow-clicks}:*`)))).flat();
      expect(queueKeys).toContain(`${prefix}:{trackflow-clicks}:trackflow-clicks:id`);
      // Every one of them on one master: Bull's scripts touch several at once.
      const owners = new Set(await Promise.all(queueKeys.map(masterOf)));
      expect(owners.size).toBe(1);
      const queueMasters = new Set(await Promise.all(['trackflow-clicks', 'trackflow-events', 'trackflow-crm', 'trackflow-analytics'].map((name) => masterOf(`${prefix}:{${name}}:${name}:wait`))));
      expect(queueMasters.size).toBeGreaterThan(1);
    } finally {
      nodes.disconnect();
    }
  });

  it('takes redirects and tracker events through their queues into PostgreSQL', async () => {
    const link = await createLink(server, 'https://example.com/clicks');
    const answers = await Promise.all(Array.from({ length: 20 }, () => redirect(link.shortCode)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(302));
    await server.drainClicks();
    expect(await storedClicks(link.id)).toBe(20);

    const { publicKey } = (await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["${SITE}"]}) { publicKey } }`)).updateWorkspace;
    const visitorId = `vis-${randomUUID()}`;
    const events = [1, 2, 3].map((index) => ({ id: `pv-${randomUUID()}`, type: 'pageview', url: `${SITE}/page-${index}`, ts: Date.now() - index * 1000 }));
    const response = await fetch(`${server.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE, 'user-agent': BROWSER_UA },
      body: JSON.stringify({ key: publicKey, visitorId, events }),
    });
    expect(response.status).toBe(202);
    await server.drainEvents();
    const [row]: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1 AND visitor_id = $2', [workspaceId, visitorId]);
    expect(Number(row.count)).toBe(3);
  });

  it('schedules a repeatable job once however many processes start', async () => {
    const env = { ANALYTICS_ROLLUP_CRON: '7 3 * * *' };
    const [first, second] = [await startServer(env), await startServer(env)];
    try {
      const analytics = first.get<Queue>(getQueueToken('trackflow-analytics') as never);
      expect((await analytics.getRepeatableJobs()).filter((job) => job.name === 'roll-up-analytics')).toEqual([expect.objectContaining({ cron: '7 3 * * *' })]);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('counts rate limits, the Twenty request budget, job locks and API-key usage, each in one slot', async () => {
    const limiter = server.get(RateLimiterService);
    const bucket = `cluster-${randomUUID()}`;
    const verdicts = [];
    for (let hit = 0; hit < 4; hit += 1) verdicts.push((await limiter.hit(bucket, 3, 60)).allowed);
    expect(verdicts).toEqual([true, true, true, false]);

    const budget = server.get(TwentyRequestBudget);
    const budgetWorkspace = randomUUID();
    const waits = [];
    // 90 a minute by default: the 91st write must wait.
    for (let request = 0; request < 91; request += 1) waits.push(await budget.take(budgetWorkspace, 'write'));
    expect(waits.slice(0, 90).every((wait) => wait === 0)).toBe(true);
    expect(waits[90]).toBeGreaterThan(0);

    const redis = server.get(RedisService).client;
    const lockName = `cluster-${randomUUID()}`;
    const outer = await runExclusive(redis, lockName, 5000, () => runExclusive(redis, lockName, 5000, async () => 'inner'));
    expect(outer).toEqual({ ran: true, result: { ran: false } });
    expect(await runExclusive(redis, lockName, 5000, async () => 'after')).toEqual({ ran: true, result: 'after' });

    // An authorised request counts a use (MULTI over two keys of one tag); the flush takes both out.
    const access = server.get(ApiKeyAccessService);
    const [listed] = (await server.ok<{ apiKeys: { id: string }[] }>(key, '{ apiKeys { id } }')).apiKeys;
    expect((await access.pendingUsage([listed.id])).get(listed.id)?.uses).toBeGreaterThan(0);
    await access.flushUsage();
    expect((await access.pendingUsage([listed.id])).get(listed.id)).toEqual({ uses: 0, lastUsedAt: null });
    const [stored]: { uses: number }[] = await server.dataSource.query('SELECT usage_count::int AS uses FROM trackflow.api_key WHERE id = $1', [listed.id]);
    expect(stored.uses).toBeGreaterThan(0);
  });

  it('carries a cache invalidation published through one node to subscribers on every other', async () => {
    const channel = `${prefix}:invalidate:link`;
    const [publisherPort, ...otherPorts] = cluster.seeds.map((seed) => seed.port);
    const subscribers = otherPorts.map((port) => new Redis(port, '127.0.0.1'));
    const publisher = new Redis(publisherPort, '127.0.0.1');
    try {
      const heard = subscribers.map((subscriber) => new Promise<string>((resolve) => subscriber.on('message', (_channel, message: string) => resolve(message))));
      await Promise.all(subscribers.map((subscriber) => subscriber.subscribe(channel)));
      await publisher.publish(channel, 'raw-key');
      expect(await Promise.all(heard)).toEqual(otherPorts.map(() => 'raw-key'));

      // The server's own subscriber sits on one node: published from each node in turn, the key is dropped every time.
      const cache = new BroadcastCache<string>(server.get(RedisService), 'invalidate:link', 60_000);
      await cache.start();
      for (const seed of cluster.seeds) {
        cache.set('cached-key', 'value');
        expect(cache.get('cached-key')).toBe('value');
        const node = new Redis(seed.port, seed.host);
        await node.publish(channel, 'cached-key');
        node.disconnect();
        await waitFor(async () => (cache.get('cached-key') === undefined ? true : undefined), 10_000, `the invalidation published on ${seed.port}`);
      }
    } finally {
      publisher.disconnect();
      subscribers.forEach((subscriber) => subscriber.disconnect());
    }
  });

  /**
   * Runs `send` in four streams while the master of the queue's slot is killed and its replica
   * promoted, from 50 accepted sends before the kill to 50 after; answers how many were accepted
   * and refused, once every stream has stopped.
   */
  async function streamThroughFailover(queueName: string, send: () => Promise<boolean>): Promise<{ accepted: number; refused: number }> {
    const queueKey = `${prefix}:{${queueName}}:${queueName}:wait`;
    const queueMaster = await masterOf(queueKey);
    let accepted = 0;
    let refused = 0;
    let streaming = true;
    const stream = async () => {
      while (streaming) {
        if (await send().catch(() => false)) accepted += 1;
        else refused += 1;
      }
    };
    const streams = Array.from({ length: 4 }, stream);
    try {
      await waitFor(async () => (accepted >= 50 ? true : undefined), 30_000, `${queueName}: sends accepted before the failover`);
      const { killed, promoted } = await cluster.failover(queueMaster);
      expect(killed).toBe(queueMaster);
      const atFailover = accepted;
      await waitFor(async () => (accepted >= atFailover + 50 ? true : undefined), 60_000, `${queueName}: sends accepted after the failover`);
      expect(await masterOf(queueKey)).toBe(promoted);
    } finally {
      streaming = false;
      await Promise.all(streams);
    }
    return { accepted, refused };
  }

  it('stores every click a redirect answered, exactly once, when the master of the click queue fails during 4 streams of redirects', async () => {
    await server.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
    const link = await createLink(server, 'https://example.com/failover');
    const answered = new Set<string>();
    const { accepted, refused } = await streamThroughFailover('trackflow-clicks', async () => {
      const answer = await redirect(link.shortCode);
      const clickId = new URL(answer.headers.get('location') ?? '', 'http://x').searchParams.get('tf_cid');
      if (answer.status !== 302 || !clickId) return false;
      answered.add(clickId);
      return true;
    });

    // A redirect is sent on even when Redis is away: its click is journalled.
    expect(refused).toBe(0);
    expect(answered.size).toBe(accepted);
    // Clicks no replica acknowledged in time were journalled too; the journal replays them once per second.
    const journal = server.get(ClickJournalService);
    await waitFor(async () => (journal.backlog === 0 ? true : undefined), 60_000, 'the click journal to be replayed');
    await server.drainClicks(60_000);
    const stored: { id: string }[] = await server.dataSource.query('SELECT id FROM trackflow.click_event WHERE workspace_id = $1 AND tracked_link_id = $2', [workspaceId, link.id]);
    expect(stored.map((row) => row.id).sort()).toEqual([...answered].sort());
    // Counted once each, however many ways (job, journal, replay) a click reached the worker.
    const [counted]: { clicks: number }[] = await server.dataSource.query('SELECT click_count::int AS clicks FROM trackflow.tracked_link WHERE id = $1', [link.id]);
    expect(counted.clicks).toBe(accepted);
  });

  it('stores every tracker event answered 202, exactly once, when the master of the events queue fails during 4 streams of batches', async () => {
    await server.ok(key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
    const { publicKey } = (await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["${SITE}"]}) { publicKey } }`)).updateWorkspace;
    const visitorId = `vis-${randomUUID()}`;
    const answered = new Set<string>();
    const { accepted } = await streamThroughFailover('trackflow-events', async () => {
      const id = `ev-${randomUUID()}`;
      const response = await fetch(`${server.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SITE, 'user-agent': BROWSER_UA },
        body: JSON.stringify({ key: publicKey, visitorId, events: [{ id, type: 'pageview', url: `${SITE}/failover`, ts: Date.now() }] }),
      });
      // Anything but 202 (a 503 while no replica acknowledged the job) tells the tracker the batch was not taken.
      if (response.status !== 202) return false;
      answered.add(id);
      return true;
    });

    expect(answered.size).toBe(accepted);
    await server.drainEvents(60_000);
    // A refused batch may have been stored all the same (its job reached the master): only the accepted ones are counted.
    const stored: { id: string }[] = await server.dataSource.query('SELECT client_event_id AS id FROM trackflow.visitor_event WHERE workspace_id = $1 AND client_event_id = ANY($2)', [workspaceId, [...answered]]);
    expect(stored.map((row) => row.id).sort()).toEqual([...answered].sort());
  });
});
