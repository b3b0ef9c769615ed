/**
 * Event ingestion benchmark: sustained POST /api/collect (batches of events from many visitors)
 * through Redis into PostgreSQL, with a worker process persisting while the load runs, against a
 * baseline in the same run: the same event rows COPYed straight into a table of the same columns
 * and indexes. Events/s of the pipeline count from the first request to the last event stored.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { bytesPerMillionRows, countRows, createApiKey, drainQueue, graphql, resetStores, startServer } from 'bench/support/bench-stores';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const EVENTS_PER_REQUEST = Number(process.env.BENCH_EVENTS_PER_REQUEST ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trackflow_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const SITE = 'https://bench.example';
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const PAGES = ['/', '/pricing', '/docs/start', '/blog/attribution', '/signup'];

/** One visitor's batch: page views, a CTA and an engagement beacon, as the tracker sends them. */
function batchOf(publicKey: string, nowMs: number): string {
  const events = Array.from({ length: EVENTS_PER_REQUEST }, (_, index) => {
    const type = index % 10 === 9 ? 'engagement' : index % 10 === 5 ? 'cta' : 'pageview';
    const page = PAGES[index % PAGES.length];
    return {
      id: randomUUID(),
      type,
      name: type === 'cta' ? 'Start trial' : undefined,
      url: `${SITE}${page}${index === 0 ? '?utm_source=google&utm_medium=cpc&utm_campaign=bench' : ''}`,
      ts: nowMs - (EVENTS_PER_REQUEST - index) * 1000,
      properties: type === 'engagement' ? { scroll: 75, engagedMs: 42_000 } : { viewportWidth: 1440, viewportHeight: 900, timezone: 'Europe/Paris' },
    };
  });
  return JSON.stringify({ key: publicKey, visitorId: randomUUID(), events });
}

/** The same events as COPY text rows of visitor_event's columns. */
function copyRows(bodies: readonly string[], workspaceId: string): string[] {
  return bodies.map((body) => {
    const batch = JSON.parse(body) as { visitorId: string; events: { id: string; type: string; name?: string; url: string; ts: number; properties: object }[] };
    return batch.events
      .map((event) =>
        [randomUUID(), workspaceId, event.id, batch.visitorId, event.type, event.name ?? '\\N', new Date(event.ts).toISOString(), JSON.stringify(event.properties), event.url, new URL(event.url).pathname, '\\N'].join('\t') + '\n',
      )
      .join('');
  });
}

/** The baseline: the same event rows COPYed into a table with visitor_event's columns and indexes (no foreign keys, no worker). */
async function copyBaseline(rows: readonly string[], events: number): Promise<number> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE TEMP TABLE copy_baseline (LIKE trackflow.visitor_event INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const startedAt = process.hrtime.bigint();
    await pipeline(Readable.from(rows), client.query(copyFrom(`COPY copy_baseline (id, workspace_id, client_event_id, visitor_id, event_type, event_name, "timestamp", event_data, page_url, path, referrer) FROM STDIN`)));
    return events / (Number(process.hrtime.bigint() - startedAt) / 1e9);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await resetStores(DATABASE_URL, REDIS_URL);
  const env = { DATABASE_URL, REDIS_URL, PORT: '3393', PUBLIC_BASE_URL: 'http://127.0.0.1:3393', TRACKFLOW_WORKERS: 'false', CLICK_JOURNAL_DIR: process.env.CLICK_JOURNAL_DIR ?? '/tmp/trackflow-bench-journal' };
  const web = await startServer(env);
  const worker = await startServer({ ...env, TRACKFLOW_WORKERS: 'true', PORT: '3394' });
  try {
    const key = createApiKey(env);
    const { updateWorkspace } = await graphql<{ updateWorkspace: { id: string; publicKey: string } }>('http://127.0.0.1:3393', key, `mutation { updateWorkspace(input: {siteDomains: ["bench.example"]}) { id publicKey } }`);
    // One machine sends everything: lift the per-address hourly limit (default 1000) for the run, through the API so every process's settings cache hears of it.
    await graphql('http://127.0.0.1:3393', key, `mutation { updateSettings(input: {rateLimitPerHour: 10000000}) { rateLimitPerHour } }`);

    // Bodies are made before the clock starts, for the pipeline and the baseline alike: the run measures storing events, not inventing them.
    const bodies = Array.from({ length: REQUESTS }, () => batchOf(updateWorkspace.publicKey, Date.now()));
    let next = 0;
    const startedAt = Date.now();
    const result = await autocannon({
      url: 'http://127.0.0.1:3393/api/collect',
      method: 'POST',
      connections: CONNECTIONS,
      amount: REQUESTS,
      headers: { 'content-type': 'text/plain', origin: SITE, 'user-agent': BROWSER_UA },
      requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    });
    const accepted = result['2xx'];
    console.log(`load: ${((Date.now() - startedAt) / 1000).toFixed(1)} s, ${Math.round(result.requests.total / result.duration)} requests/s`);
    await drainQueue(env, 'trackflow-events');
    const seconds = (Date.now() - startedAt) / 1000;
    const sent = accepted * EVENTS_PER_REQUEST;
    const persisted = await countRows(DATABASE_URL, 'SELECT count(*) FROM trackflow.visitor_event WHERE workspace_id = $1', [updateWorkspace.id]);
    const eventsPerSecond = persisted / seconds;
    const baseline = await copyBaseline(copyRows(bodies, randomUUID()), REQUESTS * EVENTS_PER_REQUEST);
    const ratio = eventsPerSecond / baseline;
    console.log(`collect: ${REQUESTS} requests of ${EVENTS_PER_REQUEST} events, ${accepted} accepted (${result.non2xx} refused, ${result.errors} errors), p99 ${result.latency.p99} ms`);
    const eventBytes = await bytesPerMillionRows(DATABASE_URL, 'trackflow.visitor_event');
    const sessionBytes = await bytesPerMillionRows(DATABASE_URL, 'trackflow.visitor_session');
    console.log(`storage: ${(eventBytes / 2 ** 20).toFixed(0)} MiB per million events, ${(sessionBytes / 2 ** 20).toFixed(0)} MiB per million sessions (with their indexes)`);
    console.log(`pipeline ${eventsPerSecond.toFixed(0)} events/s (HTTP → Redis → PostgreSQL, ${seconds.toFixed(1)} s); COPY baseline ${baseline.toFixed(0)} events/s; ratio ${ratio.toFixed(3)} (target >= 0.3)`);
    console.log(
      JSON.stringify({
        events_per_s: Math.round(eventsPerSecond),
        baseline_events_per_s: Math.round(baseline),
        ratio: Number(ratio.toFixed(3)),
        p99_ms: result.latency.p99,
        sent,
        persisted,
        lost: sent - persisted,
        event_bytes_per_million: eventBytes,
        session_bytes_per_million: sessionBytes,
      }),
    );
  } finally {
    web.kill('SIGTERM');
    worker.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
