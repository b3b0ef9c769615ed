import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TestServer } from 'tests/support/test-server';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

const run = promisify(execFile);
const FAST_RETRIES = { baseDelayMs: 10, maxAttempts: 6 };

describe('twenty:install against the Twenty stand-in', () => {
  let server: TestServer;
  let twenty: TwentyStandIn;
  let workspaceName: string;
  let workspaceId: string;
  const lines: string[] = [];
  const install = (options: Partial<{ dryRun: boolean; apiKey: string }> = {}) =>
    server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: options.apiKey ?? twenty.apiKey, workspaceName, dryRun: options.dryRun ?? false, log: (line) => lines.push(line), client: FAST_RETRIES });

  beforeAll(async () => {
    server = await TestServer.start();
    workspaceName = `install-${Math.random().toString(36).slice(2)}`;
    ({ workspaceId } = await server.createKey(workspaceName));
    twenty = await TwentyStandIn.start();
  });
  afterAll(async () => {
    await twenty.stop();
    await server.stop();
  });

  it('changes nothing on a dry run but says what it would do', async () => {
    const result = await install({ dryRun: true });
    expect(result.applied).toBe(0);
    expect(result.plan.steps.length).toBeGreaterThan(50);
    expect(twenty.objects.filter((object) => object.isCustom)).toEqual([]);
    expect(lines.join('\n')).toMatch(/create relation trackflowDealAttribution.opportunity → opportunity/);
  });

  it('installs objects, fields, relations and the webhook, riding out 429s, and stores the connection sealed', async () => {
    twenty.failNext(429, 2);
    const afterRateLimit = twenty.requests.length;
    const result = await install();
    expect(twenty.requests.length - afterRateLimit).toBe(result.applied + 2 + 1 + 1);
    for (const object of TRACKFLOW_OBJECTS) {
      const installed = twenty.object(object.nameSingular);
      expect(installed?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(object.fields.map((field) => field.name)));
    }
    expect(twenty.object('person')?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['trackflowVisitorId', 'trackflowTouchCount', 'trackflowConversions']));
    expect(twenty.object('opportunity')?.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['trackflowMarketingInfluenced', 'trackflowAttributions']));
    expect(TRACKFLOW_STANDARD_FIELDS.length).toBe(13);
    expect(twenty.webhooks).toHaveLength(1);
    expect(twenty.webhooks[0]).toMatchObject({ targetUrl: 'http://localhost:3300/webhooks/twenty', operations: expect.arrayContaining(['person.*', 'opportunity.*', 'trackflowLink.*']) });
    const connection = await server.get(TwentyConnectionService).findByWorkspace(workspaceId);
    expect(connection).toMatchObject({ twentyUrl: twenty.url, apiKey: twenty.apiKey, webhookId: twenty.webhooks[0].id, webhookSecret: twenty.webhooks[0].secret });
  });

  it('changes nothing the second time, even after 500s', async () => {
    twenty.failNext(500, 1);
    const objectsBefore = JSON.stringify(twenty.objects);
    const result = await install();
    expect(result.plan.steps).toEqual([]);
    expect(result.plan.conflicts).toEqual([]);
    expect(twenty.webhooks).toHaveLength(1);
    expect(JSON.stringify(twenty.objects)).toBe(objectsBefore);
  });

  it('uninstalls: the webhook goes, the connection is forgotten, the objects and their data stay', async () => {
    const objects = twenty.objects.filter((object) => object.isCustom).length;
    await server.get(TwentyInstallService).uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES);
    expect(twenty.webhooks).toEqual([]);
    expect(await server.get(TwentyConnectionService).findByWorkspace(workspaceId)).toBeNull();
    expect(twenty.objects.filter((object) => object.isCustom)).toHaveLength(objects);
    await server.get(TwentyInstallService).uninstall(workspaceName, (line) => lines.push(line), FAST_RETRIES);
    expect(lines[lines.length - 1]).toBe(`Workspace "${workspaceName}" is not connected to Twenty; nothing to do.`);
    // Installing again registers a new webhook and finds the data model in place.
    const again = await install();
    expect(again.plan.steps).toEqual([]);
    expect(twenty.webhooks).toHaveLength(1);
  });

  it('uninstalls with --purge: TrackFlow objects, their records and the trackflow* fields leave Twenty; standard objects and TrackFlow data stay', async () => {
    // A Twenty of its own: the installs above spent this minute's requests.
    await twenty.stop();
    twenty = await TwentyStandIn.start();
    await install();
    const people = twenty.object('person');
    const campaigns = twenty.objects.find((object) => object.nameSingular === 'trackflowCampaign');
    expect(people?.fields.some((field) => field.name === 'trackflowSource')).toBe(true);
    expect(people?.fields.some((field) => field.name === 'trackflowConversions')).toBe(true);
    expect(campaigns).toBeDefined();
    const cli = [join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), 'twenty:uninstall', '--workspace', workspaceName, '--purge'];
    const { stdout } = await run(process.execPath, ['-r', join(__dirname, '..', 'support', 'register-ts.js'), ...cli], { env: process.env });
    expect(stdout).toContain('deleted object trackflowDealAttribution and its records');
    expect(twenty.webhooks).toEqual([]);
    expect(twenty.objects.filter((object) => object.isCustom)).toEqual([]);
    expect(twenty.objects.map((object) => object.nameSingular).sort()).toEqual(['company', 'opportunity', 'person']);
    for (const object of twenty.objects) expect(object.fields.filter((field) => field.name.startsWith('trackflow'))).toEqual([]);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM trackflow.workspace WHERE name = $1`, [workspaceName])).toEqual([{ n: 1 }]);
    // The install and the purge together need more than Twenty's 100 requests a minute: the CLI waits out the 429 as Retry-After says.
    expect(twenty.rateLimited).toBeGreaterThan(0);
  }, 180_000);

  it('says clearly when Twenty refuses the key, and the CLI prints it in one line', async () => {
    await expect(install({ apiKey: 'wrong' })).rejects.toThrow(`api-key: Twenty at ${twenty.url} refused this API key`);
    const cli = run(process.execPath, ['-r', join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), 'twenty:install', '--url', twenty.url, '--api-key', 'wrong', '--workspace', workspaceName], { env: process.env });
    await expect(cli).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Error: api-key: Twenty at') });
  });
});
