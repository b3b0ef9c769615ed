import { randomUUID } from 'node:crypto';
import { CrmWorkerService } from 'src/crm/crm-worker.service';
import { LeadIntakeService } from 'src/crm/leads/lead-intake.service';
import { PendingLeadsRepository } from 'src/crm/leads/pending-leads.repository';
import { TwentyInstallService } from 'src/crm/twenty/twenty-install.service';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { TestServer } from 'tests/support/test-server';
import { settleTwenty } from 'standin/twenty/settle';
import { startLocalTwenty } from 'tests/support/twenty-connected';
import { waitFor } from 'tests/support/waiting';

const SITE = 'https://shop.example.com';

/** A site's lead form posting before its workspace is connected to Twenty: nothing is lost, the visitor is answered as a visitor. */
describe('POST /api/leads before Twenty is connected', () => {
  let server: TestServer;
  let publicKey: string;
  let workspaceName: string;

  beforeAll(async () => {
    server = await TestServer.start();
    workspaceName = `unconnected-${randomUUID().slice(0, 8)}`;
    const { key } = await server.createKey(workspaceName);
    publicKey = (await server.ok<{ updateWorkspace: { publicKey: string } }>(key, `mutation { updateWorkspace(input: {siteDomains: ["shop.example.com"]}) { publicKey } }`)).updateWorkspace.publicKey;
  });
  afterAll(() => server?.stop());

  const post = (body: string, headers: Record<string, string>) => fetch(`${server.url}/api/leads`, { method: 'POST', redirect: 'manual', headers: { origin: SITE, ...headers }, body });
  const form = (fields: Record<string, string>) => new URLSearchParams({ key: publicKey, ...fields }).toString();

  it('keeps each lead, answers the redirect, a thank-you page or JSON, and sends them all once Twenty is connected', async () => {
    const visitorId = randomUUID();
    const redirected = await post(form({ name: 'Ann Lee', email: 'ann@example.com', trackflow_visitor_id: visitorId, redirect: `${SITE}/thanks` }), { 'content-type': 'application/x-www-form-urlencoded' });
    expect([redirected.status, redirected.headers.get('location')]).toEqual([303, `${SITE}/thanks`]);

    const page = await post(form({ name: 'Bo Ng', email: 'bo@example.com' }), { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.status).toBe(202);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>Thank you</h1>');

    const script = await post(JSON.stringify({ key: publicKey, email: 'cy@example.com', name: 'Cy Park' }), { 'content-type': 'application/json' });
    expect([script.status, await script.json()]).toEqual([202, { accepted: true }]);

    // Bad input is still refused, naming the field, and keeps nothing.
    const refused = await post(form({ name: 'No Mail' }), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ field: 'email' });
    const [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [workspaceName]);
    const kept = () => server.dataSource.query(`SELECT person FROM trackflow.pending_lead WHERE workspace_id = $1 ORDER BY received_at`, [workspaceId]);
    expect((await kept()).map((row: { person: { email: string } }) => row.person.email)).toEqual(['ann@example.com', 'bo@example.com', 'cy@example.com']);

    const twenty = await startLocalTwenty();
    try {
      twenty.deliverTo = `${server.url}/webhooks/twenty`;
      const lines: string[] = [];
      await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName, dryRun: false, log: (line) => lines.push(line), client: { baseDelayMs: 10 } });
      expect(lines).toContain("Sent 3 lead(s) the site's forms posted before Twenty was connected.");
      await settleTwenty(server.running.app, twenty, 20_000);
      const people = [...(twenty.records.get('people')?.values() ?? [])];
      expect(people.map((person) => (person.emails as { primaryEmail: string }).primaryEmail).sort()).toEqual(['ann@example.com', 'bo@example.com', 'cy@example.com']);
      expect(people.find((person) => (person.emails as { primaryEmail: string }).primaryEmail === 'ann@example.com')).toMatchObject({ name: { firstName: 'Ann', lastName: 'Lee' }, trackflowVisitorId: visitorId });
      expect(await kept()).toEqual([]);
      // The lead hook ran on Twenty's webhook: Ann's visitor became her lead conversion.
      const [lead] = await server.dataSource.query(`SELECT visitor_id FROM trackflow.conversion WHERE workspace_id = $1 AND conversion_type = 'lead' AND visitor_id = $2`, [workspaceId, visitorId]);
      expect(lead).toBeDefined();
    } finally {
      await server.get(TwentyInstallService).uninstall(workspaceName, () => undefined);
      await twenty.stop();
    }
  });

  it('sends leads still kept once connected without another install, each once when the install and the sweep race', async () => {
    const name = `late-${randomUUID().slice(0, 8)}`;
    await server.createKey(name);
    const [{ id: workspaceId }] = await server.dataSource.query(`SELECT id FROM trackflow.workspace WHERE name = $1`, [name]);
    const twenty = await startLocalTwenty();
    const upserts = jest.spyOn(server.get(TwentyOutboxService), 'upsertPerson');
    try {
      twenty.deliverTo = `${server.url}/webhooks/twenty`;
      await server.get(TwentyInstallService).install({ twentyUrl: twenty.url, apiKey: twenty.apiKey, workspaceName: name, dryRun: false, log: () => undefined, client: { baseDelayMs: 10 } });
      const kept = () => server.dataSource.query(`SELECT id FROM trackflow.pending_lead WHERE workspace_id = $1`, [workspaceId]) as Promise<unknown[]>;
      const emails = () => [...(twenty.records.get('people')?.values() ?? [])].map((person) => (person.emails as { primaryEmail: string }).primaryEmail);
      // Forms the site posted while the install was connecting: kept, after the install had sent what waited.
      const pending = server.get(PendingLeadsRepository);
      const lead = (first: string) => ({ email: `${first.toLowerCase()}@example.com`, firstName: first, lastName: 'Late', visitorId: null });
      upserts.mockClear();
      await pending.keep(workspaceId, lead('Dee'));
      // The worker's sweep sends it on its own.
      await waitFor(async () => ((await kept()).length === 0 ? true : undefined), 10_000, 'the sweep to send the kept lead');
      expect(upserts.mock.calls.map(([person]) => person.email)).toEqual(['dee@example.com']);

      // An install and two sweeps at once: every lead is queued for Twenty exactly once.
      upserts.mockClear();
      for (const first of ['Eve', 'Fay', 'Gus']) await pending.keep(workspaceId, lead(first));
      const worker = server.get(CrmWorkerService);
      const sent = await Promise.all([server.get(LeadIntakeService).sendWaiting(workspaceId), worker.sweepLeads(), worker.sweepLeads()]);
      expect(await kept()).toEqual([]);
      expect(upserts.mock.calls.map(([person]) => person.email).sort()).toEqual(['eve@example.com', 'fay@example.com', 'gus@example.com']);
      expect(sent.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(3);
      await settleTwenty(server.running.app, twenty, 20_000);
      expect(emails().sort()).toEqual(['dee@example.com', 'eve@example.com', 'fay@example.com', 'gus@example.com']);
    } finally {
      upserts.mockRestore();
      await server.get(TwentyInstallService).uninstall(name, () => undefined);
      await twenty.stop();
    }
  });
});
