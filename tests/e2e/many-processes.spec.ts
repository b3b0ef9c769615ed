import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createApiKey, graphql } from 'bench/support/bench-stores';
import { Haproxy } from 'bench/support/haproxy';
import { TrackflowProcess } from 'bench/support/processes';
import { ANALYTICS_QUEUE, ROLLUP_JOB } from 'src/analytics/analytics.jobs';
import { loadConfig } from 'src/config/app-config';
import { UPDATE_LINK } from 'tests/support/links-api';
import { BROWSER_UA } from 'tests/support/test-server';
import { waitFor } from 'tests/support/waiting';

const LB_PORT = 58000;
const ROLLUP_EVERY_MS = 2000;

/**
 * A deployment of several machines on one: two web processes (TRACKFLOW_WORKERS=false) behind
 * HAProxy and two worker processes, all on the test's database and Redis database.
 */
describe('web and worker processes behind a load balancer', () => {
  const directory = mkdtempSync(join(tmpdir(), 'trackflow-many-'));
  const lbUrl = `http://127.0.0.1:${LB_PORT}`;
  const env = {
    // A database of its own (created by the first process): the rollup then covers this deployment's rows, not every other spec's.
    DATABASE_URL: `${process.env.DATABASE_URL as string}_many_processes`,
    REDIS_URL: process.env.REDIS_URL as string,
    PUBLIC_BASE_URL: lbUrl,
    // Queues of their own: jobs other specs left in the shared test database's queues (a rollup run on demand) are not this deployment's occurrences.
    REDIS_PREFIX: `many_processes_${process.pid}`,
    // Every other second, so a handful of occurrences pass within the test.
    ANALYTICS_ROLLUP_CRON: `*/${ROLLUP_EVERY_MS / 1000} * * * * *`,
  };
  const processEnv = (name: string) => ({ ...env, CLICK_JOURNAL_DIR: join(directory, `${name}-journal`) });
  const web = [1, 2].map((n) => new TrackflowProcess(`web${n}`, 'web', LB_PORT + n, processEnv(`web${n}`), join(directory, `web${n}.log`)));
  const workers = [1, 2].map((n) => new TrackflowProcess(`worker${n}`, 'worker', LB_PORT + 2 + n, processEnv(`worker${n}`), join(directory, `worker${n}.log`)));
  const { redisPrefix } = loadConfig(env);
  let haproxy: Haproxy | undefined;
  let db: Client;
  let redis: Redis;
  let key: string;

  const createLink = async (destinationUrl: string) =>
    (await graphql<{ createTrackedLink: { id: string; shortCode: string } }>(lbUrl, key, `mutation($url: String!) { createTrackedLink(input: {destinationUrl: $url}) { id shortCode } }`, { url: destinationUrl })).createTrackedLink;
  const follow = (baseUrl: string, shortCode: string) => fetch(`${baseUrl}/r/${shortCode}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${randomUUID()}` } });
  /** The click the redirect recorded, as the destination receives it. */
  const clickIdOf = (answer: Response) => new URL(answer.headers.get('location') as string).searchParams.get('tf_cid');
  const storedClickIds = async (linkId: string) => (await db.query<{ id: string }>(`SELECT id FROM trackflow.click_event WHERE tracked_link_id = $1`, [linkId])).rows.map((row) => row.id).sort();

  beforeAll(async () => {
    // One process first: the database is migrated once, then the others start against it together.
    await web[0].start();
    await Promise.all([web[1], ...workers].map((process) => process.start()));
    haproxy = await Haproxy.start(directory, LB_PORT, web.map((process) => ({ name: process.name, port: process.port })));
    key = createApiKey(env, `many-${randomUUID().slice(0, 8)}`);
    await graphql(lbUrl, key, 'mutation { updateSettings(input: {rateLimitPerHour: 1000000}) { rateLimitPerHour } }');
    db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    redis = new Redis(env.REDIS_URL);
  }, 240_000);

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all([...web, ...workers].map((process) => process.stop()));
    await db?.end();
    redis?.disconnect();
    rmSync(directory, { recursive: true, force: true });
    const admin = new Client({ connectionString: env.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(env.DATABASE_URL).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  it('redirects through the load balancer and stores each click once, by the id its redirect gave it', async () => {
    const link = await createLink('https://example.com/many');
    const answers = await Promise.all(Array.from({ length: 40 }, () => follow(lbUrl, link.shortCode)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(302));
    const given = answers.map(clickIdOf).sort();
    expect(new Set(given).size).toBe(40);
    const stored = await waitFor(async () => {
      const ids = await storedClickIds(link.id);
      return ids.length >= 40 ? ids : undefined;
    }, 30_000, 'the workers to store 40 clicks');
    expect(stored).toEqual(given);
    const [{ click_count }] = (await db.query<{ click_count: string }>(`SELECT click_count FROM trackflow.tracked_link WHERE id = $1`, [link.id])).rows;
    expect(Number(click_count)).toBe(40);
  });

  it('makes every web process forget a link edited through another at once', async () => {
    const link = await createLink('https://example.com/before');
    // Each web process caches the link in its memory.
    for (const process of web) expect((await follow(process.url, link.shortCode)).headers.get('location')).toMatch(/^https:\/\/example\.com\/before\?/);
    await graphql(web[0].url, key, UPDATE_LINK, { id: link.id, input: { destinationUrl: 'https://example.com/after' } });
    expect((await follow(web[1].url, link.shortCode)).headers.get('location')).toMatch(/^https:\/\/example\.com\/after\?/);
  });

  it('runs a repeatable job once per occurrence however many processes schedule it and work its queue', async () => {
    const completedRollups = async () => {
      const ids = await redis.zrange(`${redisPrefix}:${ANALYTICS_QUEUE}:completed`, 0, -1);
      const jobs = await Promise.all(ids.map(async (id) => ({ id, ...(await redis.hgetall(`${redisPrefix}:${ANALYTICS_QUEUE}:${id}`)) } as { id: string; name?: string; returnvalue?: string })));
      return jobs.filter((job) => job.name === ROLLUP_JOB);
    };
    const ran = (job: { returnvalue?: string }) => !job.returnvalue?.includes('"skipped":true');
    const rollups = await waitFor(async () => {
      const done = await completedRollups();
      return done.length >= 5 && done.filter(ran).length >= 2 ? done : undefined;
    }, 120_000, 'five occurrences of the rollup, two of them run');
    // Bull names an occurrence repeat:<schedule>:<due time>: one schedule, each due time run once.
    const occurrences = rollups.map((job) => /^repeat:([^:]+):(\d+)$/.exec(job.id));
    expect(occurrences.every(Boolean)).toBe(true);
    expect(new Set(occurrences.map((match) => match?.[1])).size).toBe(1);
    const dueTimes = occurrences.map((match) => Number(match?.[2])).sort((a, b) => a - b);
    expect(new Set(dueTimes).size).toBe(dueTimes.length);
    expect(dueTimes.every((due) => due % ROLLUP_EVERY_MS === 0)).toBe(true);
    // An occurrence due while the previous one still runs finds its lock and is skipped: never two runs at once.
    const runs = (rollups as { returnvalue?: string; processedOn?: string; finishedOn?: string }[])
      .filter(ran)
      .map((job) => [Number(job.processedOn), Number(job.finishedOn)])
      .sort((a, b) => a[0] - b[0]);
    expect(runs.filter(([start], index) => index > 0 && start < runs[index - 1][1])).toEqual([]);
  });

  it('keeps serving through the load balancer when a web process is killed, and takes it back once restarted', async () => {
    const link = await createLink('https://example.com/survivor');
    await web[0].kill();
    const during = await Promise.all(Array.from({ length: 20 }, () => follow(lbUrl, link.shortCode)));
    expect(during.map((answer) => answer.status)).toEqual(Array(20).fill(302));
    await web[0].start();
    const after = await Promise.all(Array.from({ length: 20 }, () => follow(lbUrl, link.shortCode)));
    expect(after.map((answer) => answer.status)).toEqual(Array(20).fill(302));
    const given = [...during, ...after].map(clickIdOf).sort();
    const stored = await waitFor(async () => {
      const ids = await storedClickIds(link.id);
      return ids.length >= 40 ? ids : undefined;
    }, 30_000, 'the workers to store 40 clicks');
    expect(stored).toEqual(given);
  });
});
