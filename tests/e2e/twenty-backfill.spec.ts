import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { drainQueue } from 'src/common/queue/drain-queue.util';
import { TWENTY_OUTBOX_QUEUE } from 'src/crm/twenty/twenty-outbox.service';
import { CRM_QUEUE } from 'src/crm/crm-worker.service';
import { emailHash } from 'src/tracking/identity/email-hash.util';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';
import { startLocalTwenty, stopTwentyAfterWrites } from 'tests/support/twenty-connected';
import { TestServer } from 'tests/support/test-server';
import { waitFor, withEnv } from 'tests/support/waiting';

const PEOPLE = 5_000;
const DEALS = 2_000;
/** Twenty's throttle with its real shape (a bucket of 100 requests, refilled continuously) on a tenth of its minute, so the test takes minutes, not hours. */
const THROTTLE = { shortLimit: 100, shortTtlMs: 1_000, longLimit: 100, longTtlMs: 6_000 };
/** TrackFlow's budget on the same tenth of a minute: 90 requests per 6 s. */
const BUDGET_ENV = { TWENTY_REQUESTS_PER_MINUTE: '900' };
const DAY_MS = 86_400_000;

type CliRun = { child: ChildProcess; output: string[]; exited: Promise<number | null> };

/** The CLI as an operator runs it, in its own process (which the test may kill). */
function cli(args: string[]): CliRun {
  const output: string[] = [];
  const child = fork(join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), args, {
    execArgv: ['-r', join(__dirname, '..', 'support', 'register-ts.js')],
    env: { ...process.env, ...BUDGET_ENV },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  return { child, output, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** Waits for the run to end well; one that fails shows what it printed last, which is all there is to tell why. */
async function succeeded(run: CliRun): Promise<void> {
  const code = await run.exited;
  if (code !== 0) throw new Error(`the CLI exited with ${code}; it printed last:\n${run.output.slice(-30).join('\n')}`);
}

/**
 * A Twenty workspace with weeks of history made before TrackFlow was installed: every person and
 * deal gets its attribution from the install's backfill, under Twenty's throttle, and a backfill
 * killed half-way resumes where it stopped.
 */
describe('backfill of what Twenty held before the install', () => {
  let server: TestServer;
  let twenty: TwentyStandIn;
  let workspaceId: string;
  const workspaceName = `backfill-${Math.random().toString(36).slice(2)}`;
  const people: { id: string; email: string }[] = [];
  const deals: { id: string; won: boolean; amountMicros: number }[] = [];

  beforeAll(async () => {
    server = await withEnv(BUDGET_ENV, () => TestServer.start());
    ({ workspaceId } = await server.createKey(workspaceName));
    twenty = await startLocalTwenty({ throttle: THROTTLE });
    twenty.deliverTo = `${server.url}/webhooks/twenty`;

    // TrackFlow was on the website for weeks (within the default model's 30-day lookback): each future lead came through a newsletter or an ad link, and later told the site their email.
    const [campaign] = await server.dataSource.query(`INSERT INTO trackflow.link_campaign (workspace_id, name, source, medium) VALUES ($1, 'Autumn newsletter', 'newsletter', 'email') RETURNING id`, [workspaceId]);
    const links: { id: string }[] = await server.dataSource.query(
      `INSERT INTO trackflow.tracked_link (workspace_id, campaign_id, short_code, destination_url, source, medium) VALUES
         ($1, $2, 'autumn-mail', 'https://shop.example/autumn', 'newsletter', 'email'), ($1, NULL, 'ads-search', 'https://shop.example/', 'google', 'cpc') RETURNING id`,
      [workspaceId, campaign.id],
    );
    const start = Date.now() - 28 * DAY_MS;
    for (let index = 0; index < PEOPLE; index += 1) people.push({ id: randomUUID(), email: `lead${index}@customers${index % 37}.example` });
    const visitorIds = people.map(() => randomUUID());
    const firstSeen = people.map((_, index) => new Date(start + ((index * 7919) % (25 * DAY_MS / 1000)) * 1000).toISOString());
    await server.dataSource.query(
      `INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen, email_hash)
       SELECT $1, v, f::timestamptz, f::timestamptz + interval '2 days', h FROM unnest($2::text[], $3::text[], $4::text[]) AS t(v, f, h)`,
      [workspaceId, visitorIds, firstSeen, people.map((person) => emailHash(workspaceId, person.email))],
    );
    await server.dataSource.query(
      `INSERT INTO trackflow.click_event (id, workspace_id, visitor_id, tracked_link_id, campaign_id, short_code, event_type, click_timestamp, utm_source, utm_medium, utm_campaign)
       SELECT gen_random_uuid(), $1, v, l, c, 'code', 'click', f::timestamptz, s, m, n FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(v, l, c, f, s, m, n)`,
      [
        workspaceId,
        visitorIds,
        visitorIds.map((_, index) => links[index % 3 === 0 ? 1 : 0].id),
        visitorIds.map((_, index) => (index % 3 === 0 ? null : campaign.id)),
        firstSeen,
        visitorIds.map((_, index) => (index % 3 === 0 ? 'google' : 'newsletter')),
        visitorIds.map((_, index) => (index % 3 === 0 ? 'cpc' : 'email')),
        visitorIds.map((_, index) => (index % 3 === 0 ? null : 'autumn-newsletter')),
      ],
    );

    // Sales staff kept Twenty meanwhile: the same people, and deals over them, some already won.
    const staffBatch = async (plural: string, records: Record<string, unknown>[]) => {
      for (let offset = 0; offset < records.length; offset += 60) {
        const answer = await twenty.asUser('POST', `/rest/batch/${plural}`, records.slice(offset, offset + 60));
        expect(answer.status).toBe(201);
      }
    };
    await staffBatch('people', people.map((person, index) => ({ id: person.id, name: { firstName: `Lead ${index}`, lastName: 'Customer' }, emails: { primaryEmail: person.email, additionalEmails: [] } })));
    for (let index = 0; index < DEALS; index += 1) deals.push({ id: randomUUID(), won: index % 5 < 2, amountMicros: (1_000 + (index % 40) * 250) * 1_000_000 });
    await staffBatch(
      'opportunities',
      deals.map((deal, index) => ({ id: deal.id, name: `Deal ${index}`, amount: { amountMicros: deal.amountMicros, currencyCode: 'USD' }, stage: deal.won ? 'CUSTOMER' : 'MEETING', pointOfContactId: people[(index * 7) % PEOPLE].id })),
    );
  }, 120_000);

  // The test drains the write-backs itself; one that failed before leaves them to be thrown away.
  afterAll(async () => {
    if (twenty) await stopTwentyAfterWrites(server, twenty, 1_000);
    else await server?.stop();
  });

  const count = async (sql: string) => ((await server.dataSource.query(sql, [workspaceId])) as { n: number }[])[0].n;
  const processedSoFar = () => count(`SELECT coalesce(sum(records_processed), 0)::int AS n FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural IN ('people', 'opportunities')`);

  it(
    'attributes every person and deal, shows its progress, and resumes from where a killed run stopped',
    async () => {
      const install = cli(['twenty:install', '--url', twenty.url, '--api-key', twenty.apiKey, '--workspace', workspaceName]);
      // Killed half-way through the people, as an operator's Ctrl-C or a redeploy would.
      await waitFor(async () => ((await processedSoFar()) >= PEOPLE / 2 ? true : undefined), 300_000, 'half the people backfilled');
      install.child.kill('SIGKILL');
      await install.exited;
      const beforeResume = await processedSoFar();
      expect(beforeResume).toBeLessThan(PEOPLE + DEALS);
      expect(install.output.join('\n')).toMatch(/Backfill: people, companies and deals already in Twenty/);
      expect(install.output.some((line) => /^syncing people: \d+\/5000 rows$/.test(line))).toBe(true);

      const requestsBeforeResume = twenty.requests.length;
      const resume = cli(['twenty:sync', '--workspace', workspaceName]);
      await succeeded(resume);
      expect(resume.output.join('\n')).toMatch(/syncing opportunities: 2000\/2000 rows/);
      // From the cursor, not from the start: what was processed before the kill is listed again only where it changed since (TrackFlow's own write-backs among them).
      // (The outbox's and the presence check's `id[in]` lookups are no walk.)
      const walkFilters = twenty.requests
        .slice(requestsBeforeResume)
        .filter((request) => request.method === 'GET' && request.path === '/rest/people')
        .map((request) => new URLSearchParams(request.query).get('filter') ?? '')
        .filter((filter) => !filter.startsWith('id[in]'));
      expect(walkFilters[0]).toMatch(/^updatedAt\[gte\]:"\d{4}-/);

      // Every person is a lead of their visitor, every deal attributed, every won one a conversion.
      expect(await count(`SELECT count(*)::int AS n FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_type = 'lead'`)).toBe(PEOPLE);
      expect(await count(`SELECT count(*)::int AS n FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_type = 'deal'`)).toBe(deals.filter((deal) => deal.won).length);
      expect(await count(`SELECT count(DISTINCT opportunity_id)::int AS n FROM trackflow.deal_attribution WHERE workspace_id = $1`)).toBe(DEALS);
      expect(await count(`SELECT count(*)::int AS n FROM trackflow.visitor WHERE workspace_id = $1 AND person_id IS NOT NULL`)).toBe(PEOPLE);

      // The write-backs reach Twenty under its throttle, many records a request.
      await waitFor(
        async () => {
          await drainQueue(server.running.app, TWENTY_OUTBOX_QUEUE, 600_000);
          await twenty.deliveriesSent();
          await drainQueue(server.running.app, CRM_QUEUE, 600_000);
          const waiting = await count(`SELECT ((SELECT count(*) FROM trackflow.twenty_pending_update WHERE workspace_id = $1) + (SELECT count(*) FROM trackflow.twenty_pending_mirror WHERE workspace_id = $1))::int AS n`);
          return waiting === 0 ? true : undefined;
        },
        600_000,
        'every write-back sent to Twenty',
      );
      const inTwenty = twenty.records.get('people') as Map<string, Record<string, unknown>>;
      expect(people.filter((person) => inTwenty.get(person.id)?.trackflowTouchCount !== 1 || !inTwenty.get(person.id)?.trackflowSource)).toEqual([]);
      const opportunities = twenty.records.get('opportunities') as Map<string, Record<string, unknown>>;
      expect(deals.filter((deal) => opportunities.get(deal.id)?.trackflowMarketingInfluenced !== true)).toEqual([]);
      expect(twenty.records.get('trackflowConversions')?.size).toBe(PEOPLE + deals.filter((deal) => deal.won).length);
      // Some 12,800 records written (people, deals, conversions) in batches: nine or more a request even on a loaded machine, where fewer join each batch window.
      const writes = twenty.requests.filter((request) => request.method !== 'GET').length;
      expect(writes).toBeLessThan((PEOPLE + DEALS) / 5);
      // This workspace's: jobs other specs left behind for their stopped stand-ins fail in this server too.
      const failed = await server.running.app.get<Queue>(getQueueToken(TWENTY_OUTBOX_QUEUE)).getFailed();
      expect(failed.filter((job) => (job.data as { workspaceId?: string }).workspaceId === workspaceId).map((job) => job.failedReason)).toEqual([]);
    },
    1_500_000,
  );
});
