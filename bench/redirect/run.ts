/**
 * Redirect benchmark: GET /r/:code on a real TrackFlow server against a bare node:http 302 server
 * measured in the same run (before and after; the faster counts), then, once the click queue has drained, the number of 302s against the
 * click rows in PostgreSQL.
 *
 * BENCH_WORKERS=separate (default) measures the deployment the queue is there for: web processes
 * with TRACKFLOW_WORKERS=false answer the burst while the clicks wait in Redis, and a worker
 * process persists them. BENCH_WORKERS=inline runs the worker inside the web process during the load.
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { bytesPerMillionRows, countRows, createApiKey, drainQueue, graphql, resetStores, startChild, startServer } from 'bench/support/bench-stores';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trackflow_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

type Load = { rps: number; p50: number; p99: number; redirects: number; errors: number };

/** A fixed number of requests, so every response the server sent is also counted here. */
async function load(url: string, amount = REQUESTS): Promise<Load> {
  // Elapsed time runs to the last response: autocannon notices that `amount` is reached only on its once-a-second tick, so its own times (and a clock around it) run up to a second long.
  const startedAt = process.hrtime.bigint();
  let lastResponseAt = startedAt;
  const result = await autocannon({ url, connections: CONNECTIONS, amount, headers: { 'user-agent': BROWSER_UA }, requests: [{ method: 'GET', onResponse: () => (lastResponseAt = process.hrtime.bigint()) }] });
  const seconds = Number(lastResponseAt - startedAt) / 1e9;
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, redirects: result['3xx'], errors: result.errors + result.timeouts + result.non2xx - result['3xx'] };
}

async function createLink(baseUrl: string, env: Record<string, string>): Promise<string> {
  const key = createApiKey(env);
  const created = await graphql<{ createTrackedLink: { shortCode: string } }>(
    baseUrl,
    key,
    `mutation { createTrackedLink(input: {destinationUrl: "https://example.com/landing?ref=bench", source: "bench", medium: "load"}) { shortCode } }`,
  );
  // One machine sends every redirect: lift the per-address hourly limit (default 1000) for the run.
  await graphql(baseUrl, key, 'mutation { updateSettings(input: {rateLimitPerHour: 10000000}) { rateLimitPerHour } }');
  return created.createTrackedLink.shortCode;
}

async function drainAndCountClicks(): Promise<number> {
  await drainQueue({ DATABASE_URL, REDIS_URL }, 'trackflow-clicks');
  return countRows(DATABASE_URL, 'SELECT count(*) FROM trackflow.click_event');
}

async function measureBaseline(when: string): Promise<Load> {
  const baseline = await startChild(join(__dirname, 'baseline-server.js'), { PORT: '3390' });
  try {
    const measured = await load('http://127.0.0.1:3390/r/anything');
    console.log(`baseline node:http 302 (${when}): ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms`);
    return measured;
  } finally {
    baseline.kill();
  }
}

async function main(): Promise<void> {
  await resetStores(DATABASE_URL, REDIS_URL);
  const workersMode = process.env.BENCH_WORKERS ?? 'separate';
  if (!['separate', 'inline'].includes(workersMode)) throw new Error(`BENCH_WORKERS must be separate or inline, got "${workersMode}"`);
  const env = { TRACKFLOW_WORKERS: String(workersMode === 'inline'), DATABASE_URL, REDIS_URL, PORT: '3391', PUBLIC_BASE_URL: 'http://127.0.0.1:3391', CLICK_JOURNAL_DIR: '/tmp/trackflow-bench-journal' };

  const before = await measureBaseline('before');

  const server = await startServer(env);
  try {
    const code = await createLink('http://127.0.0.1:3391', env);
    const warmUp = await load(`http://127.0.0.1:3391/r/${code}`, 20_000);
    const trackflowLoad = await load(`http://127.0.0.1:3391/r/${code}`);
    console.log(`TrackFlow /r/:code: ${trackflowLoad.rps.toFixed(0)} req/s, p50 ${trackflowLoad.p50} ms, p99 ${trackflowLoad.p99} ms, ${trackflowLoad.redirects} redirects, ${trackflowLoad.errors} errors`);
    const drainStartedAt = Date.now();
    const worker = workersMode === 'inline' ? null : await startServer({ ...env, TRACKFLOW_WORKERS: 'true', PORT: '3392' });
    const persisted = (await drainAndCountClicks()) - warmUp.redirects;
    const drainSeconds = (Date.now() - drainStartedAt) / 1000;
    worker?.kill();
    console.log(`workers (${workersMode}): queue drained ${drainSeconds.toFixed(1)} s after the load (${workersMode === 'separate' ? `${Math.round((persisted + warmUp.redirects) / drainSeconds)} clicks/s including start-up` : 'worker ran during the load'})`);
    // The machine's speed drifts during a run; the better of the two baselines keeps the ratio conservative.
    const after = await measureBaseline('after');
    const baselineLoad = before.rps >= after.rps ? before : after;
    const ratio = trackflowLoad.rps / baselineLoad.rps;
    console.log(`ratio ${ratio.toFixed(3)} (target >= 0.5); clicks persisted ${persisted} of ${trackflowLoad.redirects} redirects`);
    const clickBytes = await bytesPerMillionRows(DATABASE_URL, 'trackflow.click_event');
    console.log(`storage: ${(clickBytes / 2 ** 20).toFixed(0)} MiB per million clicks (click_event with its indexes)`);
    console.log(
      JSON.stringify({
        rps: Math.round(trackflowLoad.rps),
        baseline_rps: Math.round(baselineLoad.rps),
        ratio: Number(ratio.toFixed(3)),
        p50_ms: trackflowLoad.p50,
        p99_ms: trackflowLoad.p99,
        redirects: trackflowLoad.redirects,
        clicks_persisted: persisted,
        lost: trackflowLoad.redirects - persisted,
        click_bytes_per_million: clickBytes,
      }),
    );
  } finally {
    server.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
