import { fork, ChildProcess } from 'node:child_process';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { join } from 'node:path';
import { PrivateRedis } from 'tests/support/private-redis';
import { waitFor, withEnv } from 'tests/support/waiting';
import { BROWSER_UA, TestServer } from 'tests/support/test-server';

type LinkResult = { createTrackedLink: { id: string; shortCode: string } };

async function clickMany(server: TestServer, code: string, count: number): Promise<number[]> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      fetch(`${server.url}/r/${code}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=b0b0b0b0-0000-4000-8000-${String(index % 5).padStart(12, '0')}` } }),
    ),
  );
  return responses.map((response) => response.status);
}

async function storedClicks(server: TestServer, linkId: string): Promise<{ rows: number; clickCount: number; uniqueVisitors: number; visitorClicks: number }> {
  const [row]: { rows: string; click_count: string; unique_visitor_count: string; visitor_clicks: string }[] = await server.dataSource.query(
    `SELECT (SELECT count(*) FROM trackflow.click_event WHERE tracked_link_id = l.id) AS rows, l.click_count, l.unique_visitor_count,
            (SELECT COALESCE(sum(v.click_count), 0) FROM trackflow.visitor v
              WHERE v.workspace_id = l.workspace_id AND v.visitor_id IN (SELECT visitor_id FROM trackflow.click_event WHERE tracked_link_id = l.id)) AS visitor_clicks
     FROM trackflow.tracked_link l WHERE l.id = $1`,
    [linkId],
  );
  return { rows: Number(row.rows), clickCount: Number(row.click_count), uniqueVisitors: Number(row.unique_visitor_count), visitorClicks: Number(row.visitor_clicks) };
}

describe('exactly-once click pipeline', () => {
  it('loses and doubles nothing when a worker is killed mid-batch and its job is replayed', async () => {
    const web = await withEnv({ TRACKFLOW_WORKERS: 'false' }, () => TestServer.start());
    let child: ChildProcess | undefined;
    let rescuer: TestServer | undefined;
    try {
      const { key } = await web.createKey();
      const link = (await web.ok<LinkResult>(key, `mutation { createTrackedLink(input: {destinationUrl: "https://example.com/kill"}) { id shortCode } }`)).createTrackedLink;
      expect(await clickMany(web, link.shortCode, 20)).toEqual(Array(20).fill(302));
      const queue = web.get<Queue>(getQueueToken('trackflow-clicks') as never);
      const jobs = await queue.getWaiting();
      const queuedClicks = jobs.flatMap((job) => job.data.clicks);
      expect(queuedClicks).toHaveLength(20);

      child = fork(join(__dirname, '..', 'support', 'stalling-worker.child.ts'), [], {
        execArgv: ['-r', join(__dirname, '..', 'support', 'register-ts.js')],
        env: { ...process.env, TRACKFLOW_WORKERS: 'true' },
        stdio: 'inherit',
      });
      const running = child;
      await new Promise<void>((resolve, reject) => {
        running.on('message', (message: { holding?: number }) => message.holding && resolve());
        running.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      });
      // The worker has inserted inside its open transaction: nothing is visible yet.
      expect((await storedClicks(web, link.id)).rows).toBe(0);
      running.removeAllListeners('exit');
      running.kill('SIGKILL');
      await new Promise((resolve) => running.once('exit', resolve));

      rescuer = await withEnv({ TRACKFLOW_WORKERS: 'true' }, () => TestServer.start());
      const recovered = await waitFor(async () => {
        const stored = await storedClicks(web, link.id);
        const counts = await queue.getJobCounts();
        return stored.rows === 20 && counts.waiting + counts.active === 0 ? stored : undefined;
      }, 30_000, 'the stalled job to be taken over');
      expect(recovered).toEqual({ rows: 20, clickCount: 20, uniqueVisitors: 5, visitorClicks: 20 });

      await queue.add('PersistClicksJob', { clicks: queuedClicks }, { jobId: 'replayed-batch' });
      await rescuer.drainClicks();
      expect(await storedClicks(web, link.id)).toEqual({ rows: 20, clickCount: 20, uniqueVisitors: 5, visitorClicks: 20 });
    } finally {
      child?.kill('SIGKILL');
      await rescuer?.stop();
      await web.stop();
    }
  });

  it('keeps redirecting while Redis is down, journals the clicks and replays them when Redis is back', async () => {
    const redis = await new PrivateRedis(6391).start();
    const server = await withEnv({ REDIS_URL: redis.url, TRACKFLOW_WORKERS: 'true' }, () => TestServer.start());
    try {
      const { key } = await server.createKey();
      const link = (await server.ok<LinkResult>(key, `mutation { createTrackedLink(input: {destinationUrl: "https://example.com/journal"}) { id shortCode } }`)).createTrackedLink;

      await redis.stop();
      expect(await clickMany(server, link.shortCode, 5)).toEqual(Array(5).fill(302));
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ redis: 'down', postgres: 'up', clickJournalBacklog: 5 });

      await redis.start();
      const stored = await waitFor(async () => {
        const clicks = await storedClicks(server, link.id);
        return clicks.rows === 5 ? clicks : undefined;
      }, 30_000, 'journalled clicks to be replayed and persisted');
      expect(stored).toEqual({ rows: 5, clickCount: 5, uniqueVisitors: 5, visitorClicks: 5 });
      const healthy = await waitFor(async () => {
        const response = await fetch(`${server.url}/healthz`);
        return response.status === 200 ? ((await response.json()) as { clickJournalBacklog: number }) : undefined;
      }, 10_000, 'health to recover');
      expect(healthy.clickJournalBacklog).toBe(0);
    } finally {
      await server.stop();
      await redis.stop();
    }
  });
});
