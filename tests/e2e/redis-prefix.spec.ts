import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';
import { withEnv } from 'tests/support/waiting';

type LinkResult = { createTrackedLink: { id: string; shortCode: string } };

const clicksQueue = (server: TestServer) => server.get<Queue>(getQueueToken('trackflow-clicks') as never);

async function storedClicks(server: TestServer, linkId: string): Promise<number> {
  const [row]: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM trackflow.click_event WHERE tracked_link_id = $1', [linkId]);
  return Number(row.count);
}

describe('two deployments on one Redis database (REDIS_PREFIX)', () => {
  it("never take each other's jobs or read each other's keys", async () => {
    const run = randomUUID().slice(0, 8);
    const [prefixA, prefixB] = [`tf-a-${run}`, `tf-b-${run}`];
    // A only serves, so its click jobs wait in Redis for a worker of A; B works, on the same Redis database.
    const web = await withEnv({ REDIS_PREFIX: prefixA, TRACKFLOW_WORKERS: 'false' }, () => TestServer.start());
    const other = await withEnv({ REDIS_PREFIX: prefixB }, () => TestServer.start());
    let worker: TestServer | undefined;
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const { key } = await web.createKey();
      const link = (await web.ok<LinkResult>(key, `mutation { createTrackedLink(input: {destinationUrl: "https://example.com/prefix"}) { id shortCode } }`)).createTrackedLink;
      const response = await fetch(`${web.url}/r/${link.shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA } });
      expect(response.status).toBe(302);
      // The redirect cached the link under A's prefix only (read before the link's second invalidation, a second after its creation, drops it).
      expect(await redis.keys(`${prefixA}:link:*`)).toHaveLength(1);
      expect(await redis.keys(`${prefixB}:link:*`)).toEqual([]);

      // B's worker would take a job of a shared queue at once; a second is plenty.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await clicksQueue(web).getJobCounts()).toMatchObject({ waiting: 1, active: 0, failed: 0 });
      expect(await clicksQueue(other).getJobCounts()).toMatchObject({ waiting: 0, active: 0, completed: 0, failed: 0 });
      expect(await storedClicks(web, link.id)).toBe(0);
      expect(await redis.keys(`${prefixA}:trackflow-clicks:*`)).not.toHaveLength(0);

      worker = await withEnv({ REDIS_PREFIX: prefixA }, () => TestServer.start());
      await worker.drainClicks();
      expect(await storedClicks(web, link.id)).toBe(1);
      expect(await clicksQueue(other).getJobCounts()).toMatchObject({ completed: 0, failed: 0 });
    } finally {
      redis.disconnect();
      await Promise.all([web.stop(), other.stop(), worker?.stop()]);
    }
  });
});
