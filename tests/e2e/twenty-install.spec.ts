import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LEAD_STATUSES, TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { TwentyClient } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { InstallOptions, TwentyInstallService, WEBHOOK_OPERATIONS } from 'src/crm/twenty/twenty-install.service';
import { trackflowAppManifest } from 'standin/twenty/app-manifest';
import { TwentyStandIn, TwentyVersion } from 'standin/twenty/twenty-standin';
import { CREATE_CAMPAIGN } from 'tests/support/links-api';
import { TestServer } from 'tests/support/test-server';
import { startLocalTwenty, stopTwentyAfterWrites } from 'tests/support/twenty-connected';

const run = promisify(execFile);
const FAST_RETRIES = { baseDelayMs: 10, maxAttempts: 6 };
const WEBHOOK_URL = 'http://localhost:3300/webhooks/twenty';
const CLI = [join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts')];

const trackflowObjects = (twenty: TwentyStandIn) => twenty.objects.filter((object) => TRACKFLOW_OBJECTS.some((declared) => declared.nameSingular === object.nameSingular));
const STANDARD = ['person', 'opportunity', 'company'];
const trackflowFields = (twenty: TwentyStandIn) => twenty.objects.filter((object) => STANDARD.includes(object.nameSingular)).flatMap((object) => object.fields.filter((field) => field.name.startsWith('trackflow')).map((field) => `${object.nameSingular}.${field.name}`));
const metadataRequests = (twenty: TwentyStandIn, since: number) => twenty.requests.slice(since).filter((request) => request.path === '/metadata').length;

describe('twenty:install against the Twenty stand-in', () => {
  let server: TestServer;
  let twenty: TwentyStandIn;
  let workspaceName: string;
  let workspaceId: string;
  let key: string;
  const lines: string[] = [];
  const installer = () => server.get(TwentyInstallService);
  const install = (options: Partial<InstallOptions> = {}) =>
    installer().install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName, dryRun: false, log: (line) => lines.push(line), client: FAST_RETRIES, ...options });
  const connection = () => server.get(TwentyConnectionService).findByWorkspace(workspaceId);
  /** A fresh workspace and a fresh Twenty whose deliveries reach this server. */
  const fresh = async (options: { version?: TwentyVersion; outboundSafeMode?: boolean } = {}) => {
    await twenty?.stop();
    workspaceName = `install-${Math.random().toString(36).slice(2)}`;
    ({ workspaceId, key } = await server.createKey(workspaceName));
    twenty = await startLocalTwenty(options);
    twenty.deliverTo = `${server.url}/webhooks/twenty`;
    lines.length = 0;
  };

  beforeAll(async () => {
    server = await TestServer.start();
    await fresh();
  });
  afterAll(() => stopTwentyAfterWrites(server, twenty));

  it('changes nothing on a dry run but says what it would do', async () => {
    const result = await install({ dryRun: true });
    expect(result).toMatchObject({ applied: 0, webhookId: null, deliveryVerified: null });
    expect(result.plan.steps.length).toBeGreaterThan(50);
    expect(trackflowObjects(twenty)).toEqual([]);
    expect(twenty.webhooks).toEqual([]);
    expect(lines.join('\n')).toMatch(/create relation trackflowDealAttribution.opportunity → opportunity/);
    expect(lines.join('\n')).toContain(`register webhook → ${WEBHOOK_URL}`);
  });

  it('stops before any change when the key’s role may not manage webhooks, naming the permission', async () => {
    const limited = twenty.createApiKey(['DATA_MODEL']);
    await expect(install({ apiKey: limited })).rejects.toThrow(/^api-key: this key's role in Twenty lacks the API_KEYS_AND_WEBHOOKS permission/);
    expect(trackflowObjects(twenty)).toEqual([]);
    expect(twenty.webhooks).toEqual([]);
    expect(await connection()).toBeNull();
    const cli = run(process.execPath, ['-r', ...CLI, 'twenty:install', '--url', twenty.url, '--api-key', limited, '--workspace', workspaceName], { env: process.env });
    await expect(cli).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: api-key: this key's role in Twenty lacks the API_KEYS_AND_WEBHOOKS permission[^\n]*\n$/) });
  });

  it('stops at the first change when the role may not change the data model, naming that permission', async () => {
    await expect(install({ apiKey: twenty.createApiKey(['API_KEYS_AND_WEBHOOKS']) })).rejects.toThrow(/lacks the DATA_MODEL permission.*; nothing was changed/);
    expect(trackflowObjects(twenty)).toEqual([]);
    expect(twenty.webhooks).toEqual([]);
  });

  it('says in one line when --url answers nothing or is not Twenty', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(install({ twentyUrl: closedUrl, client: { baseDelayMs: 1, maxAttempts: 2 } })).rejects.toThrow(new RegExp(`^url: Twenty does not answer at ${closedUrl} \\(.*ECONNREFUSED.*\\); check --url`));
    await expect(install({ twentyUrl: `${server.url}/app` })).rejects.toThrow(/^url: .* has no Twenty API .*; --url must be the base URL of Twenty's server/);
    expect(trackflowObjects(twenty)).toEqual([]);
  });

  it('says in one line when Twenty refuses the key, wrong or revoked', async () => {
    await expect(install({ apiKey: 'wrong' })).rejects.toThrow(`api-key: Twenty at ${twenty.url} refused this API key (Token invalid.)`);
    const revoked = twenty.createApiKey(['DATA_MODEL', 'API_KEYS_AND_WEBHOOKS']);
    twenty.revokeApiKey(revoked);
    await expect(install({ apiKey: revoked })).rejects.toThrow(/refused this API key \(This API Key is revoked\)/);
    const cli = run(process.execPath, ['-r', ...CLI, 'twenty:install', '--url', twenty.url, '--api-key', 'wrong', '--workspace', workspaceName], { env: process.env });
    await expect(cli).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Error: api-key: Twenty at') });
  });

  it('installs objects, fields, relations and the webhook, riding out 429s, stores the connection sealed and proves a delivery arrives', async () => {
    twenty.failNext(429, 2);
    const result = await install({ requireDelivery: true });
    expect(result.deliveryVerified).toBe(true);
    for (const object of TRACKFLOW_OBJECTS) {
      expect(twenty.object(object.nameSingular)?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(object.fields.map((field) => field.name)));
    }
    expect(twenty.object('trackflowCampaign')?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['trackedLinks', 'dealAttributions']));
    expect(trackflowFields(twenty)).toEqual(expect.arrayContaining(['person.trackflowVisitorId', 'person.trackflowConversions', 'opportunity.trackflowAttributions']));
    // The lead status field settings name (leadStatus) did not exist: it is made, a select of the usual statuses.
    const leadStatus = twenty.object('person')?.fields.find((field) => field.name === 'leadStatus');
    expect({ type: leadStatus?.type, values: (leadStatus?.options as { value: string }[]).map((option) => option.value) }).toEqual({ type: 'SELECT', values: LEAD_STATUSES });
    expect(twenty.webhooks).toHaveLength(1);
    expect(twenty.webhooks[0]).toMatchObject({ targetUrl: WEBHOOK_URL, operations: WEBHOOK_OPERATIONS });
    expect(await connection()).toMatchObject({ twentyUrl: twenty.url, apiKey: twenty.apiKey, webhookId: twenty.webhooks[0].id, webhookSecret: twenty.webhooks[0].secret });
    // The check record went through Twenty and back, then left.
    expect(twenty.deliveries.filter((delivery) => delivery.eventName === 'trackflowCampaign.created')).toMatchObject([{ status: 200 }]);
    expect(twenty.records.get('trackflowCampaigns')?.size ?? 0).toBe(0);
    expect(lines).toContain('Delivery check passed: Twenty’s webhook reached TrackFlow and its signature verified.');
  });

  it('changes nothing in the data model or the webhooks the second time, even after 500s', async () => {
    twenty.failNext(500, 1);
    const objectsBefore = JSON.stringify(twenty.objects);
    const webhooksBefore = JSON.stringify(twenty.webhooks);
    const since = twenty.requests.length;
    const result = await install();
    expect(result.plan.steps).toEqual([]);
    expect(result.plan.conflicts).toEqual([]);
    // No webhook, metadata or record written: a webhook that has delivered before is not checked again.
    expect(twenty.requests.slice(since).filter((request) => request.method !== 'GET' && request.path !== '/metadata')).toEqual([]);
    expect(lines).toContain('Deliveries from Twenty have reached TrackFlow before (--require-delivery checks again).');
    expect(metadataRequests(twenty, since)).toBe(2); // the 500 and the one listing that followed
    expect(JSON.stringify(twenty.webhooks)).toBe(webhooksBefore);
    expect(JSON.stringify(twenty.objects)).toBe(objectsBefore);
  });

  it('adds the select options a newer TrackFlow declares to an earlier install, keeping the options Twenty holds and their ids', async () => {
    const MILESTONE_TYPES = ['U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'];
    const modelTypeFields = () => trackflowObjects(twenty).flatMap((object) => object.fields.filter((field) => field.name === 'modelType').map((field) => ({ object: object.nameSingular, field })));
    // As an install made before the milestone models left them.
    for (const { field } of modelTypeFields()) field.options = (field.options as { value: string }[]).filter((option) => !MILESTONE_TYPES.includes(option.value));
    const held = new Map(modelTypeFields().map(({ object, field }) => [object, field.options as { id: string; value: string }[]]));
    expect(held.size).toBe(2);

    const result = await install();
    expect(result.plan.steps.map((step) => step.kind)).toEqual(['addOptions', 'addOptions']);
    expect(lines).toContain(`  add option(s) ${MILESTONE_TYPES.join(', ')} to trackflowDealAttribution.modelType`);
    for (const { object, field } of modelTypeFields()) {
      const options = field.options as { id: string; value: string }[];
      expect(options.slice(0, held.get(object)!.length)).toEqual(held.get(object));
      expect(options.slice(held.get(object)!.length).map((option) => option.value)).toEqual(MILESTONE_TYPES);
    }
    expect((await install()).plan.steps).toEqual([]);
  });

  it('leaves exactly one webhook after a run killed between registering the webhook and storing the connection', async () => {
    const stored = await connection();
    // What the killed run left: a webhook of ours in Twenty whose secret no connection holds, and (a second case) no connection at all.
    const client = new TwentyClient(twenty.url, twenty.apiKey);
    const orphan = await client.createWebhook(WEBHOOK_URL, WEBHOOK_OPERATIONS, 'lost-secret', 'TrackFlow');
    await install();
    expect(twenty.webhooks.map((webhook) => webhook.id)).toEqual([stored?.webhookId]);
    expect(lines).toContain(`Removed stray webhook ${orphan.id}.`);

    await server.get(TwentyConnectionService).remove(workspaceId);
    await install();
    expect(twenty.webhooks).toHaveLength(1);
    expect(await connection()).toMatchObject({ webhookId: twenty.webhooks[0].id, webhookSecret: twenty.webhooks[0].secret });
    // Another TrackFlow's webhook (another URL) is none of ours and stays.
    await client.createWebhook('https://other-trackflow.example/webhooks/twenty', ['*.*'], 'theirs', 'another deployment');
    await install();
    expect(twenty.webhooks).toHaveLength(2);
  });

  it('uninstalls: our webhook goes, the connection is forgotten, the objects and their data stay; again is a no-op', async () => {
    const objects = trackflowObjects(twenty).length;
    await installer().uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES);
    expect(twenty.webhooks.map((webhook) => webhook.targetUrl)).toEqual(['https://other-trackflow.example/webhooks/twenty']);
    expect(await connection()).toBeNull();
    expect(trackflowObjects(twenty)).toHaveLength(objects);
    await installer().uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES);
    expect(lines[lines.length - 1]).toBe(`Workspace "${workspaceName}" is not connected to Twenty; nothing to do.`);
    const again = await install();
    expect(again.plan.steps).toEqual([]);
    expect(twenty.webhooks).toHaveLength(2);
  });

  it.each<TwentyVersion>(['current', 'previous'])('uninstalls with --purge (%s Twenty): no TrackFlow object, trackflow* field or webhook is left; standard objects and TrackFlow data stay', async (version) => {
    await fresh({ version });
    await install({ requireDelivery: true });
    expect(trackflowObjects(twenty)).toHaveLength(TRACKFLOW_OBJECTS.length);
    // A webhook deleted by hand in Twenty meanwhile is "already gone", in either version's answer.
    await new TwentyClient(twenty.url, twenty.apiKey).deleteWebhook(twenty.webhooks[0].id);
    const { stdout } = await run(process.execPath, ['-r', ...CLI, 'twenty:uninstall', '--workspace', workspaceName, '--purge'], { env: process.env });
    expect(stdout).toContain('was already gone');
    expect(stdout).toContain('deleted object trackflowDealAttribution and its records');
    expect(twenty.webhooks).toEqual([]);
    expect(trackflowObjects(twenty)).toEqual([]);
    expect(trackflowFields(twenty)).toEqual([]);
    expect(twenty.objects.map((object) => object.nameSingular).sort()).toEqual(STANDARD.sort());
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.workspace WHERE name = $1`, [workspaceName])).toEqual([{ n: 1 }]);
  });

  it('warns in one line why no delivery arrived when Twenty’s outbound safe mode blocks PUBLIC_BASE_URL, and fails with --require-delivery', async () => {
    await fresh({ outboundSafeMode: true });
    const result = await install({ deliveryWaitMs: 500 });
    expect(result.deliveryVerified).toBe(false);
    const warning = lines.find((line) => line.startsWith('Warning: '));
    expect(warning).toMatch(/PUBLIC_BASE_URL \(http:\/\/localhost:3300\) is the private or loopback address .*OUTBOUND_HTTP_SAFE_MODE_ENABLED/);
    expect(twenty.deliveries.find((delivery) => delivery.eventName === 'trackflowCampaign.created')).toMatchObject({ error: 'Webhook URL resolves to a private/internal IP address' });
    await expect(install({ deliveryWaitMs: 500, requireDelivery: true })).rejects.toThrow(/^delivery: no webhook delivery arrived within 1 s: PUBLIC_BASE_URL/);
    // The webhook and the connection are in place: turning safe mode off is all that is left to do.
    twenty.outboundSafeMode = false;
    expect((await install({ requireDelivery: true })).deliveryVerified).toBe(true);
    expect(twenty.webhooks).toHaveLength(1);
  });

  describe('beside the TrackFlow app (ui-extension/)', () => {
    const oneCopyEach = () => {
      for (const declared of TRACKFLOW_OBJECTS) expect(twenty.objects.filter((object) => object.nameSingular === declared.nameSingular)).toHaveLength(1);
      for (const object of twenty.objects) expect(new Set(object.fields.map((field) => field.name)).size).toBe(object.fields.length);
      expect(trackflowFields(twenty).sort()).toEqual([...new Set(trackflowFields(twenty))].sort());
      expect(trackflowFields(twenty)).toHaveLength(TRACKFLOW_STANDARD_FIELDS.length + 2);
    };

    it('app first, then twenty:install: the install finds the app’s objects and fields and creates none of them', async () => {
      await fresh();
      twenty.installApplication(trackflowAppManifest());
      const since = twenty.requests.length;
      const result = await install({ requireDelivery: true });
      // Only the workspace's own lead status field, which is no part of the app.
      expect(result.plan.steps.map((step) => (step.kind === 'createField' ? `${step.objectName}.${step.field.name}` : step.kind))).toEqual(['person.leadStatus']);
      expect(result.plan.conflicts).toEqual([]);
      expect(metadataRequests(twenty, since)).toBe(2);
      oneCopyEach();
      // A purge leaves what the app installed to the app.
      await installer().uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES, true);
      expect(trackflowObjects(twenty)).toHaveLength(TRACKFLOW_OBJECTS.length);
      expect(lines[lines.length - 2]).toMatch(/kept \d+ object\(s\) and field\(s\) the TrackFlow app installed/);
    });

    it('twenty:install first, then the app: Twenty refuses the app over the same names, so --purge hands the data model over and a new install mirrors again', async () => {
      await fresh();
      const { createCampaign } = await server.ok<{ createCampaign: { id: string } }>(key, CREATE_CAMPAIGN, { input: { name: 'Spring launch', source: 'newsletter' } });
      await install({ requireDelivery: true });
      const mirrored = () => [...(twenty.records.get('trackflowCampaigns')?.values() ?? [])].map((record) => record.trackflowId);
      expect(mirrored()).toEqual([createCampaign.id]);
      expect(() => twenty.installApplication(trackflowAppManifest())).toThrow(/duplicate key value violates unique constraint \(object trackflowCampaign/);
      expect(trackflowObjects(twenty)).toHaveLength(TRACKFLOW_OBJECTS.length);
      await installer().uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES, true);
      expect(mirrored()).toEqual([]);
      twenty.installApplication(trackflowAppManifest());
      const result = await install({ requireDelivery: true });
      expect(result.plan.steps).toEqual([]);
      oneCopyEach();
      expect(twenty.webhooks).toHaveLength(1);
      expect(mirrored()).toEqual([createCampaign.id]);
    });
  });
});
