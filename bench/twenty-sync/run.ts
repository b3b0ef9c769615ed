/**
 * Twenty sync benchmark. Twenty never sends a delivery twice, so what TrackFlow misses must come
 * back through reconciliation. It measures, against the Twenty stand-in (Twenty's throttle
 * included):
 *   1. intake: p50/p99 answer time of POST /webhooks/twenty at a steady 200 signed deliveries a
 *      second, beside the same rate of GET /healthz (the baseline: the server's floor);
 *   2. downtime: the TrackFlow server is stopped, 1,000 changes are made in Twenty over 60 s (their
 *      deliveries fail), the server starts again; the time until every change is processed, and how
 *      many never were (must be 0).
 * The last line is one JSON object with those figures.
 */
import { ChildProcess, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiKey, resetStores, startServer } from 'bench/support/bench-stores';
import { percentile } from 'bench/support/percentile';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trackflow_bench_sync';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/8';
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 1000);
const DOWNTIME_S = Number(process.env.BENCH_DOWNTIME_S ?? 60);
const INTAKE_RATE = Number(process.env.BENCH_INTAKE_RATE ?? 200);
const INTAKE_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const SYNC_INTERVAL_S = Number(process.env.BENCH_SYNC_INTERVAL_S ?? 30);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const ENV = {
  DATABASE_URL,
  REDIS_URL,
  PORT: String(PORT),
  PUBLIC_BASE_URL: BASE_URL,
  TRACKFLOW_SECRET_KEY: 'a1'.repeat(32),
  TWENTY_SYNC_INTERVAL_SECONDS: String(SYNC_INTERVAL_S),
  ANALYTICS_ROLLUP_CRON: 'off',
  ANALYTICS_CAMPAIGN_REFRESH_CRON: 'off',
  RETENTION_CRON: 'off',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` requests started at a steady `rate` a second (not waiting for answers, as Twenty's workers do not wait on each other); answer times in ms. */
async function atSteadyRate(rate: number, count: number, request: (index: number) => Promise<Response>): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const started = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const sentAt = performance.now();
    inFlight.push(
      request(index).then(
        async (answer) => {
          await answer.arrayBuffer();
          latencies.push(performance.now() - sentAt);
          if (!answer.ok) failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  await resetStores(DATABASE_URL, REDIS_URL);
  const twenty = await TwentyStandIn.start({ outboundSafeMode: false });
  let server = await startServer(ENV);
  const db = new Client({ connectionString: DATABASE_URL });
  try {
    createApiKey(ENV, 'bench-sync');
    // Asynchronously: the stand-in answering the install lives in this very process.
    await promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'src', 'cli', 'main.js'), 'twenty:install', '--url', twenty.url, '--api-key', twenty.apiKey, '--workspace', 'bench-sync', '--require-delivery'], {
      env: { ...process.env, ...ENV },
    });
    await db.connect();
    const webhook = twenty.webhooks[0];

    // 1. Intake at a steady rate, beside the health check at the same rate.
    const deliveries = INTAKE_RATE * INTAKE_SECONDS;
    const signed = (index: number) => {
      const body = JSON.stringify({
        targetUrl: webhook.targetUrl,
        eventName: 'trackflowCampaign.updated',
        objectMetadata: { id: randomUUID(), nameSingular: 'trackflowCampaign' },
        workspaceId: twenty.workspaceId,
        webhookId: webhook.id,
        eventDate: new Date().toISOString(),
        record: { id: randomUUID(), name: `Campaign ${index}` },
      });
      const timestamp = Date.now().toString();
      const signature = createHmac('sha256', webhook.secret).update(`${timestamp}:${body}`).digest('hex');
      return fetch(`${BASE_URL}/webhooks/twenty`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twenty-webhook-timestamp': timestamp, 'x-twenty-webhook-signature': signature, 'x-twenty-webhook-nonce': randomBytes(16).toString('hex') },
        body,
      });
    };
    const baseline = await atSteadyRate(INTAKE_RATE, deliveries, () => fetch(`${BASE_URL}/healthz`));
    const intake = await atSteadyRate(INTAKE_RATE, deliveries, signed);
    const stored = Number((await db.query(`SELECT count(*) FROM trackflow.twenty_webhook_delivery WHERE event_name = 'trackflowCampaign.updated'`)).rows[0].count);
    console.log(`intake: ${deliveries} deliveries at ${INTAKE_RATE}/s: p50 ${percentile(intake.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(intake.latencies, 0.99).toFixed(1)} ms, ${intake.failed} refused, ${stored} stored`);
    console.log(`baseline GET /healthz at the same rate: p50 ${percentile(baseline.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(baseline.latencies, 0.99).toFixed(1)} ms`);

    // 2. Downtime: TrackFlow is stopped while staff change people in Twenty; every delivery of theirs fails.
    const companies: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const answer = await twenty.asUser('POST', '/rest/companies', { name: `Account ${index}` });
      companies.push(((await answer.json()) as { data: { createCompany: { id: string } } }).data.createCompany.id);
    }
    await sleep(2000);
    await stop(server);
    const downAt = Date.now();
    const expected = new Map<string, string>();
    const people: string[] = [];
    for (let index = 0; index < CHANGES; index += 1) {
      const due = downAt + (index * DOWNTIME_S * 1000) / CHANGES;
      if (due > Date.now()) await sleep(due - Date.now());
      const company = companies[index % companies.length];
      // Half the changes make a person, half move an earlier one to another company.
      if (index % 2 === 0 || people.length === 0) {
        const answer = await twenty.asUser('POST', '/rest/people', { name: { firstName: `Lead ${index}`, lastName: 'Bench' }, emails: { primaryEmail: `lead-${index}@bench.example` }, companyId: company });
        const id = ((await answer.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
        people.push(id);
        expected.set(id, company);
      } else {
        const id = people[index % people.length];
        await twenty.asUser('PATCH', `/rest/people/${id}`, { companyId: company });
        expected.set(id, company);
      }
    }
    await twenty.deliveriesSent();
    const missed = twenty.deliveries.filter((delivery) => delivery.eventName.startsWith('person.') && delivery.status !== 200).length;
    console.log(`downtime: ${CHANGES} changes over ${((Date.now() - downAt) / 1000).toFixed(1)} s, ${missed} deliveries failed (Twenty never sends them again)`);

    server = await startServer(ENV);
    const restartedAt = Date.now();
    const deadline = restartedAt + (SYNC_INTERVAL_S * 3 + 120) * 1000;
    let processed = 0;
    for (;;) {
      const { rows } = await db.query<{ person_id: string; company_id: string | null }>(`SELECT person_id, company_id FROM trackflow.crm_person WHERE person_id = ANY($1)`, [[...expected.keys()]]);
      processed = rows.filter((row) => expected.get(row.person_id) === row.company_id).length;
      if (processed === expected.size || Date.now() > deadline) break;
      await sleep(250);
    }
    const recoveredS = (Date.now() - restartedAt) / 1000;
    console.log(`after restart: ${processed} of ${expected.size} people in their latest state after ${recoveredS.toFixed(1)} s (reconciliation every ${SYNC_INTERVAL_S} s)`);
    console.log(
      JSON.stringify({
        intake_rate_per_s: INTAKE_RATE,
        intake_deliveries: deliveries,
        intake_p50_ms: Number(percentile(intake.latencies, 0.5).toFixed(1)),
        intake_p99_ms: Number(percentile(intake.latencies, 0.99).toFixed(1)),
        intake_refused: intake.failed,
        baseline_healthz_p99_ms: Number(percentile(baseline.latencies, 0.99).toFixed(1)),
        intake_p99_ratio_to_baseline: Number((percentile(intake.latencies, 0.99) / percentile(baseline.latencies, 0.99)).toFixed(2)),
        changes: CHANGES,
        downtime_s: DOWNTIME_S,
        sync_interval_s: SYNC_INTERVAL_S,
        deliveries_missed: missed,
        recovered_s: Number(recoveredS.toFixed(1)),
        changes_lost: expected.size - processed,
      }),
    );
  } finally {
    await db.end().catch(() => undefined);
    await stop(server);
    await twenty.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
