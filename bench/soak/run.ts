/**
 * Soak test: a deployment of several machines on this one, driven at a steady rate for a bounded
 * time while faults are injected, then what clients were told was accepted is compared with what
 * is stored.
 *
 * It starts, on ports of its own (SOAK_BASE_PORT, default 58010, and the next six) and in a
 * temporary directory, its own engines (bench/soak/engines.ts), two web processes
 * (TRACKFLOW_WORKERS=false) behind HAProxy, two worker processes and the Twenty stand-in, connected
 * as a workspace is. Then for --minutes (default 5) it sends --rate requests a second (default 40):
 * redirects (each 302's click id, tf_cid, is what the client was told), tracker events (each with
 * its own id), lead forms (each with its own email) and changes in Twenty whose webhook deliveries
 * the stand-in sends through the balancer. Spread over the run: kill -9 a web process and restart
 * it, kill -9 a worker while a batch is active and restart it, fail over a Redis master, restart
 * the replica, pause PostgreSQL for 20 s. The last line is one JSON object with every figure.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createApiKey, graphql } from 'bench/support/bench-stores';
import { Haproxy } from 'bench/support/haproxy';
import { percentile } from 'bench/support/percentile';
import { entryPoint, TrackflowProcess } from 'bench/support/processes';
import { SoakEngines, startEngines } from 'bench/soak/engines';
import { createRedisClient, queueKeyPrefix, RedisClient } from 'src/common/redis/redis-clients';
import { AppConfig, loadConfig } from 'src/config/app-config';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const BASE_PORT = Number(process.env.SOAK_BASE_PORT ?? 58010);
const SITE = 'https://shop.example.com';
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const REQUEST_TIMEOUT_MS = 60_000;
/** After a fault ends, errors still count towards it this long (the balancer's checks, reconnections). */
const RECOVERY_MS = 5_000;
const DRAIN_LIMIT_MS = 10 * 60_000;
const PAUSE_MS = 20_000;

type Kind = 'redirect' | 'collect' | 'lead' | 'webhook';
type Sample = { kind: Kind; at: number; ms: number; ok: boolean };
type FaultReport = { fault: string; at_s: number; duration_s: number; requests: number; errors: number; error_rate: number; detail?: string };

function options(argv: string[]): { minutes: number; rate: number } {
  const read = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    if (index === -1) return fallback;
    const value = Number(argv[index + 1]);
    if (!(value > 0)) throw new Error(`--${name} must be a positive number, got "${argv[index + 1] ?? ''}"`);
    return value;
  };
  return { minutes: read('minutes', 5), rate: read('rate', 40) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A latency percentile in ms to a tenth, null without samples. */
const latencyPercentile = (values: readonly number[], share: number) =>
  values.length === 0 ? null : Number(percentile([...values].sort((a, b) => a - b), share).toFixed(1));
const minus = <T>(from: Iterable<T>, without: ReadonlySet<T>) => [...from].filter((item) => !without.has(item));

/** Everything the run started, stopped in reverse on the way out, Ctrl-C and SIGTERM included. */
class Teardown {
  private readonly steps: (() => Promise<unknown>)[] = [];
  private running: Promise<void> | null = null;

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) await step().catch((error: Error) => console.error(`cleanup: ${error.message}`));
    })();
    return this.running;
  }
}

class Soak {
  readonly samples: Sample[] = [];
  readonly acceptedClicks = new Set<string>();
  readonly acceptedEvents = new Set<string>();
  readonly acceptedLeads = new Set<string>();
  readonly faults: FaultReport[] = [];
  /** When the driver first saw each delivery the stand-in sent (index into its list of sent deliveries). */
  private readonly deliverySeenAt: number[] = [];
  private readonly visitors = Array.from({ length: 200 }, () => randomUUID());
  private readonly people: string[] = [];
  private readonly opportunities: string[] = [];
  private sequence = 0;
  readonly startedAt = Date.now();

  constructor(
    private readonly lbUrl: string,
    private readonly publicKey: string,
    private readonly shortCodes: string[],
    readonly twenty: TwentyStandIn,
  ) {}

  now(): number {
    return Date.now() - this.startedAt;
  }

  private visitor(): string {
    return this.visitors[Math.floor(Math.random() * this.visitors.length)];
  }

  /** Times one request; `accepted` says whether the answer is the one a client counts as taken. */
  private async timed(kind: Kind, send: () => Promise<Response>, accepted: (answer: Response) => Promise<boolean>): Promise<void> {
    const at = this.now();
    const started = performance.now();
    let ok = false;
    try {
      const answer = await send();
      ok = await accepted(answer);
    } catch {
      ok = false;
    }
    this.samples.push({ kind, at, ms: performance.now() - started, ok });
  }

  redirect(): Promise<void> {
    const code = this.shortCodes[this.sequence % this.shortCodes.length];
    return this.timed(
      'redirect',
      () => fetch(`${this.lbUrl}/r/${code}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, cookie: `tf_vid=${this.visitor()}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      async (answer) => {
        await answer.arrayBuffer();
        const clickId = answer.status === 302 ? new URL(answer.headers.get('location') ?? '').searchParams.get('tf_cid') : null;
        if (clickId) this.acceptedClicks.add(clickId);
        return clickId !== null;
      },
    );
  }

  collect(): Promise<void> {
    const ids = [`soak-${randomUUID()}`, `soak-${randomUUID()}`];
    const body = {
      key: this.publicKey,
      visitorId: this.visitor(),
      events: [
        { id: ids[0], type: 'pageview', url: `${SITE}/pricing` },
        { id: ids[1], type: 'event', name: 'cta-click', url: `${SITE}/pricing` },
      ],
    };
    return this.timed(
      'collect',
      () => fetch(`${this.lbUrl}/api/collect`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SITE, 'user-agent': BROWSER_UA }, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      async (answer) => {
        const reply = (await answer.json().catch(() => null)) as { accepted?: number } | null;
        const ok = answer.status === 202 && reply?.accepted === ids.length;
        if (ok) ids.forEach((id) => this.acceptedEvents.add(id));
        return ok;
      },
    );
  }

  lead(): Promise<void> {
    const email = `lead-${randomUUID().slice(0, 13)}@soak.example`;
    return this.timed(
      'lead',
      () =>
        fetch(`${this.lbUrl}/api/leads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: SITE },
          body: JSON.stringify({ key: this.publicKey, email, name: 'Soak Lead', trackflowVisitorId: this.visitor() }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }),
      async (answer) => {
        await answer.arrayBuffer();
        if (answer.status === 202) this.acceptedLeads.add(email);
        return answer.status === 202;
      },
    );
  }

  /** A change staff make in Twenty: a person created, a deal created for one, or a deal's amount updated; Twenty delivers each through the balancer. */
  async twentyChange(): Promise<void> {
    const step = this.sequence % 3;
    try {
      if (step === 0 || this.people.length === 0) {
        const answer = await this.twenty.asUser('POST', '/rest/people', { name: { firstName: 'Soak', lastName: 'Person' }, emails: { primaryEmail: `person-${randomUUID().slice(0, 13)}@soak.example` }, trackflowVisitorId: this.visitor() });
        this.people.push(((await answer.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id);
      } else if (step === 1 || this.opportunities.length === 0) {
        const pointOfContactId = this.people[Math.floor(Math.random() * this.people.length)];
        const answer = await this.twenty.asUser('POST', '/rest/opportunities', { name: 'Soak deal', amount: { amountMicros: 1_000_000_000, currencyCode: 'USD' }, stage: 'NEW', pointOfContactId });
        this.opportunities.push(((await answer.json()) as { data: { createOpportunity: { id: string } } }).data.createOpportunity.id);
      } else {
        const id = this.opportunities[Math.floor(Math.random() * this.opportunities.length)];
        await (await this.twenty.asUser('PATCH', `/rest/opportunities/${id}`, { amount: { amountMicros: 1_000_000_000 + this.sequence, currencyCode: 'USD' } })).arrayBuffer();
      }
    } catch (error) {
      console.error(`twenty change failed in the stand-in: ${(error as Error).message}`);
    }
  }

  /** Stamps the deliveries sent since the last look with the time they were seen, to place them in the fault windows. */
  noteDeliveries(): void {
    while (this.deliverySeenAt.length < this.twenty.sentDeliveries.length) this.deliverySeenAt.push(this.now());
  }

  deliverySamples(): Sample[] {
    this.noteDeliveries();
    return this.twenty.sentDeliveries.flatMap((sent, index) =>
      sent.answeredInMs === undefined ? [] : [{ kind: 'webhook' as const, at: this.deliverySeenAt[index], ms: sent.answeredInMs, ok: sent.outcome.status === 200 }],
    );
  }

  /** Steady rate: request n starts at n / rate seconds, whatever the answers take; 5 in 10 are redirects, 3 tracker batches, 1 lead form, 1 change in Twenty. */
  async drive(rate: number, untilMs: number): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const mix: (() => Promise<void>)[] = [
      () => this.redirect(),
      () => this.collect(),
      () => this.redirect(),
      () => this.lead(),
      () => this.redirect(),
      () => this.collect(),
      () => this.redirect(),
      () => this.twentyChange(),
      () => this.redirect(),
      () => this.collect(),
    ];
    const driveStart = this.now();
    for (let n = 0; ; n += 1) {
      const due = driveStart + (n * 1000) / rate;
      if (due >= untilMs) break;
      if (due > this.now()) await sleep(due - this.now());
      this.sequence = n;
      const request = mix[n % mix.length]().finally(() => inFlight.delete(request));
      inFlight.add(request);
      if (n % 10 === 0) this.noteDeliveries();
    }
    await Promise.all([...inFlight]);
  }

  async fault(name: string, inject: () => Promise<void | string>): Promise<void> {
    const from = this.now();
    console.log(`[${(from / 1000).toFixed(0)} s] fault: ${name}`);
    const outcome = await inject();
    const to = this.now() + RECOVERY_MS;
    await sleep(RECOVERY_MS);
    this.faults.push({ fault: name, at_s: Number((from / 1000).toFixed(1)), duration_s: Number(((to - from) / 1000).toFixed(1)), ...this.errorsBetween(from, to), ...(outcome ? { detail: outcome } : {}) });
  }

  private errorsBetween(from: number, to: number): { requests: number; errors: number; error_rate: number } {
    const within = [...this.samples, ...this.deliverySamples()].filter((sample) => sample.at >= from && sample.at < to);
    const errors = within.filter((sample) => !sample.ok).length;
    return { requests: within.length, errors, error_rate: within.length === 0 ? 0 : Number((errors / within.length).toFixed(4)) };
  }

  latencies(): Record<string, { requests: number; errors: number; p50_ms: number | null; p99_ms: number | null }> {
    const all = [...this.samples, ...this.deliverySamples()];
    const kinds: Kind[] = ['redirect', 'collect', 'lead', 'webhook'];
    return Object.fromEntries(
      kinds.map((kind) => {
        const ofKind = all.filter((sample) => sample.kind === kind);
        const answered = ofKind.map((sample) => sample.ms);
        return [kind, { requests: ofKind.length, errors: ofKind.filter((sample) => !sample.ok).length, p50_ms: latencyPercentile(answered, 0.5), p99_ms: latencyPercentile(answered, 0.99) }];
      }),
    );
  }
}

/** The port of the master serving the click queue's slot, so the failover the soak injects hits the queue every redirect writes to. */
async function clickQueueMaster(redis: RedisClient, config: AppConfig): Promise<number> {
  const slot = Number(await redis.cluster('KEYSLOT', `${queueKeyPrefix(config, CLICKS_QUEUE)}:${CLICKS_QUEUE}:id`));
  // Each range lists its master first, then its replicas.
  const [, , master] = (await redis.cluster('SLOTS')).find(([first, last]) => slot >= first && slot <= last) ?? [];
  if (!master) throw new Error(`no master serves slot ${slot} of the click queue`);
  return master[1];
}

/** Jobs still to run in every queue of the deployment: waiting, active, paused, or delayed other than the repeatable jobs' next occurrences. */
async function queuedJobs(redis: RedisClient, prefix: string): Promise<number> {
  let total = 0;
  // A queue's keys (`<prefix>:{<queue>}:<queue>:…` on a cluster) live on the master of its slot: every master is scanned.
  const queueKeys = new Set<string>();
  for (const node of 'nodes' in redis ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*:id`, 'COUNT', 1000);
      cursor = next;
      keys.forEach((key) => queueKeys.add(key.slice(0, -':id'.length)));
    } while (cursor !== '0');
  }
  for (const base of queueKeys) {
    const [waiting, active, paused, delayed] = await Promise.all([redis.llen(`${base}:wait`), redis.llen(`${base}:active`), redis.llen(`${base}:paused`), redis.zrange(`${base}:delayed`, 0, -1)]);
    total += waiting + active + paused + delayed.filter((id) => !id.startsWith('repeat:')).length;
  }
  return total;
}

async function main(): Promise<void> {
  const { minutes, rate } = options(process.argv.slice(2));
  const directory = mkdtempSync(join(tmpdir(), 'trackflow-soak-'));
  const teardown = new Teardown();
  teardown.add(async () => rmSync(directory, { recursive: true, force: true }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping every process of the soak`);
      void teardown.run().finally(() => process.exit(130));
    });
  }
  try {
    await soak(minutes, rate, directory, teardown);
  } finally {
    await teardown.run();
  }
}

async function soak(minutes: number, rate: number, directory: string, teardown: Teardown): Promise<void> {
  const lbPort = BASE_PORT + 2;
  const lbUrl = `http://127.0.0.1:${lbPort}`;
  console.log(`soak: ${minutes} min at ${rate} requests/s; engines, processes and logs in ${directory}`);
  const engines: SoakEngines = await startEngines(BASE_PORT, 'trackflow_soak', () => clickQueueMaster(redis, config));
  teardown.add(() => engines.stop());
  const env = {
    ...engines.env,
    PUBLIC_BASE_URL: lbUrl,
    TRACKFLOW_SECRET_KEY: 'c3'.repeat(32),
    // The stand-in stands for a Twenty whose API limits were raised for this integration: the soak measures TrackFlow, not Twenty's throttle.
    TWENTY_REQUESTS_PER_MINUTE: '100000',
    // A worker killed mid-batch gives its jobs up after this long.
    QUEUE_LOCK_MS: '5000',
    ANALYTICS_ROLLUP_CRON: '* * * * *',
  };
  const config = loadConfig({ ...process.env, ...env });
  const redis = createRedisClient(config);
  teardown.add(async () => redis.disconnect());
  const processOf = (name: string, role: 'web' | 'worker', port: number) => new TrackflowProcess(name, role, port, { ...env, CLICK_JOURNAL_DIR: join(directory, `${name}-journal`) }, join(directory, `${name}.log`));
  const web = [processOf('web1', 'web', BASE_PORT + 3), processOf('web2', 'web', BASE_PORT + 4)];
  const workers = [processOf('worker1', 'worker', BASE_PORT + 5), processOf('worker2', 'worker', BASE_PORT + 6)];
  for (const process of [...web, ...workers]) teardown.add(() => process.stop());
  // One process migrates the new database, then the others start against it.
  await web[0].start();
  await Promise.all([web[1], ...workers].map((process) => process.start()));
  const haproxy = await Haproxy.start(directory, lbPort, web.map((process) => ({ name: process.name, port: process.port })));
  teardown.add(() => haproxy.stop());

  const twenty = await TwentyStandIn.start({ outboundSafeMode: false, throttle: { shortLimit: 100_000, shortTtlMs: 1000, longLimit: 1_000_000, longTtlMs: 60_000 } });
  teardown.add(() => twenty.stop());
  const key = createApiKey(env, 'soak');
  const cli = entryPoint('src/cli/main');
  // Asynchronously: the stand-in answering the install lives in this very process.
  await promisify(execFile)(process.execPath, [...cli.execArgv, cli.script, 'twenty:install', '--url', twenty.url, '--api-key', twenty.apiKey, '--workspace', 'soak', '--require-delivery'], { env: { ...process.env, ...env } });
  twenty.deliverTo = `${lbUrl}/webhooks/twenty`;
  const { updateWorkspace } = await graphql<{ updateWorkspace: { id: string; publicKey: string } }>(lbUrl, key, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { id publicKey } }`);
  // One machine sends every request: lift the per-address hourly limits for the run.
  await graphql(lbUrl, key, 'mutation { updateSettings(input: {rateLimitPerHour: 10000000}) { rateLimitPerHour } }');
  const shortCodes: string[] = [];
  for (const source of ['newsletter', 'google', 'linkedin', 'partner', 'podcast']) {
    const { createTrackedLink } = await graphql<{ createTrackedLink: { shortCode: string } }>(lbUrl, key, `mutation { createTrackedLink(input: {destinationUrl: "${SITE}/", source: "${source}", medium: "soak"}) { shortCode } }`);
    shortCodes.push(createTrackedLink.shortCode);
  }
  const workspaceId = updateWorkspace.id;

  const run = new Soak(lbUrl, updateWorkspace.publicKey, shortCodes, twenty);
  const durationMs = minutes * 60_000;
  const prefix = config.redisPrefix;
  const schedule: [number, string, () => Promise<void | string>][] = [
    [0.1, 'kill -9 a web process and restart it', async () => {
      await web[0].kill();
      await sleep(2000);
      await web[0].start();
    }],
    [0.25, 'kill -9 a worker mid-batch and restart it', async () => {
      // A batch is active somewhere; which worker holds it Redis does not say, so how many were active at the kill is reported.
      let active = 0;
      for (let tries = 0; tries < 200 && active === 0; tries += 1) {
        active = (await Promise.all([CLICKS_QUEUE, 'trackflow-events'].map((queue) => redis.llen(`${queueKeyPrefix(config, queue)}:${queue}:active`)))).reduce((sum, count) => sum + count, 0);
        if (active === 0) await sleep(25);
      }
      await workers[0].kill();
      await sleep(2000);
      await workers[0].start();
      return `${active} click or event batch(es) active when worker1 was killed`;
    }],
    [0.4, 'fail over a Redis master', () => engines.failoverRedis()],
    [0.55, 'pause PostgreSQL for 20 s', () => engines.pausePostgres(PAUSE_MS)],
    [0.8, 'restart the replica', () => engines.restartReplica()],
  ];
  const faults = (async () => {
    for (const [share, name, inject] of schedule) {
      const due = share * durationMs;
      if (due > run.now()) await sleep(due - run.now());
      await run.fault(name, inject);
    }
  })();
  await run.drive(rate, durationMs);
  await faults;
  console.log(`[${(run.now() / 1000).toFixed(0)} s] load done; waiting for the queues to drain`);

  const db = new Client({ connectionString: engines.databaseUrl });
  await db.connect();
  teardown.add(() => db.end());
  const drainStarted = Date.now();
  const pendingWork = async () => {
    await twenty.deliveriesSent();
    const [{ count: deliveries }] = (await db.query<{ count: string }>(`SELECT count(*) FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND processed_at IS NULL AND payload IS NOT NULL`, [workspaceId])).rows;
    const journals = await Promise.all(
      web.map((process) => fetch(`${process.url}/healthz`).then(async (answer) => Number(((await answer.json()) as { clickJournalBacklog?: number }).clickJournalBacklog ?? 0), () => 1)),
    );
    return (await queuedJobs(redis, prefix)) + Number(deliveries) + journals.reduce((sum, count) => sum + count, 0);
  };
  // Quiet three times in a row: a hook that ran may still send a write-back whose echo comes next.
  for (let quiet = 0; quiet < 3; ) {
    if (Date.now() - drainStarted > DRAIN_LIMIT_MS) {
      console.log('drain limit reached; counting what is stored now');
      break;
    }
    quiet = (await pendingWork()) === 0 ? quiet + 1 : 0;
    await sleep(1000);
  }
  const drainS = (Date.now() - drainStarted) / 1000;

  const rows = async <T>(sql: string): Promise<T[]> => (await db.query(sql, [workspaceId])).rows as T[];
  const storedClicks = new Set((await rows<{ id: string }>(`SELECT id FROM trackflow.click_event WHERE workspace_id = $1`)).map((row) => row.id));
  const storedEvents = await rows<{ client_event_id: string }>(`SELECT client_event_id FROM trackflow.visitor_event WHERE workspace_id = $1 AND client_event_id LIKE 'soak-%'`);
  const storedEventIds = new Set(storedEvents.map((row) => row.client_event_id));
  const [counters] = await rows<{ link_clicks: string; visitor_clicks: string; identified_clicks: string }>(
    `SELECT (SELECT COALESCE(sum(click_count), 0) FROM trackflow.tracked_link WHERE workspace_id = $1) AS link_clicks,
            (SELECT COALESCE(sum(click_count), 0) FROM trackflow.visitor WHERE workspace_id = $1) AS visitor_clicks,
            (SELECT count(*) FROM trackflow.click_event WHERE workspace_id = $1 AND visitor_id IS NOT NULL) AS identified_clicks`,
  );
  const processedDeliveries = new Set((await rows<{ delivery_key: string }>(`SELECT delivery_key FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND processed_at IS NOT NULL`)).map((row) => row.delivery_key));
  const answeredDeliveries = twenty.sentDeliveries.filter((sent) => sent.outcome.status === 200);
  const keyOf = (body: string) => {
    const event = JSON.parse(body) as { webhookId: string; record: { id: string }; eventName: string; eventDate: string };
    return createHash('sha256').update([event.webhookId, event.record.id, event.eventName, event.eventDate].join('|')).digest('hex');
  };
  const people = [...(twenty.records.get('people')?.values() ?? [])].map((person) => String((person.emails as { primaryEmail?: string } | undefined)?.primaryEmail ?? '').toLowerCase());
  const peopleByEmail = new Map<string, number>();
  people.forEach((email) => peopleByEmail.set(email, (peopleByEmail.get(email) ?? 0) + 1));

  const duplicatesFound = {
    click_counter_excess: Math.max(0, Number(counters.link_clicks) - storedClicks.size),
    visitor_counter_excess: Math.max(0, Number(counters.visitor_clicks) - Number(counters.identified_clicks)),
    event_rows_excess: storedEvents.length - storedEventIds.size,
    lead_people_excess: [...run.acceptedLeads].reduce((sum, email) => sum + Math.max(0, (peopleByEmail.get(email) ?? 0) - 1), 0),
  };
  const figures = {
    minutes,
    rate_per_s: rate,
    redirects_accepted: run.acceptedClicks.size,
    events_accepted: run.acceptedEvents.size,
    leads_accepted: run.acceptedLeads.size,
    deliveries_answered: answeredDeliveries.length,
    clicks_lost: minus(run.acceptedClicks, storedClicks).length,
    events_lost: minus(run.acceptedEvents, storedEventIds).length,
    deliveries_lost: answeredDeliveries.filter((sent) => !processedDeliveries.has(keyOf(sent.body))).length,
    leads_lost: minus(run.acceptedLeads, new Set(people)).length,
    duplicates: Object.values(duplicatesFound).reduce((sum, count) => sum + count, 0),
    duplicates_by_kind: duplicatesFound,
    // Stored though the client saw an error (the answer was lost after the work was done): not lost, not doubled.
    clicks_stored_unacknowledged: minus(storedClicks, run.acceptedClicks).length,
    drain_s: Number(drainS.toFixed(1)),
    latency: run.latencies(),
    faults: run.faults,
  };
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
