import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { OpportunityChanged, PersonChanged } from 'src/crm/crm-change';
import { DealHook } from 'src/crm/hooks/deal.hook';
import { LeadHook } from 'src/crm/hooks/lead.hook';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TWENTY_OUTBOX_QUEUE, TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { OutgoingWebhooksService } from 'src/security/webhooks/outgoing-webhooks.service';
import { TestServer } from 'tests/support/test-server';

/**
 * The deal and lead hooks' work commits in the transaction holding the record lock, or not at all,
 * and what they announce (webhooks, the outbox's wake-up jobs) goes out only once it commits.
 */
describe('the CRM hooks as units of work', () => {
  let server: TestServer;
  let workspaceId: string;
  let outboxQueue: Queue;

  const wonDeal = (opportunityId: string): OpportunityChanged => ({
    type: 'opportunity.changed',
    key: randomUUID(),
    at: new Date(),
    by: null,
    written: {},
    dealName: null,
    createdAt: null,
    deal: { opportunityId, stage: 'CUSTOMER', amountMicros: 5_000_000n, currencyCode: 'USD', pointOfContactId: randomUUID(), companyId: null },
  });

  const newLead = (personId: string): PersonChanged => ({
    type: 'person.changed',
    key: randomUUID(),
    at: new Date(),
    by: null,
    written: {},
    personId,
    companyId: null,
    // A visitor id from a lead form, never seen before: the conversion makes the visitor.
    visitorId: randomUUID(),
    primaryEmail: null,
    displayName: 'Ada Lead',
    createdAt: new Date(),
    leadStatus: 'NEW',
    sourceCampaign: null,
    sourceMedium: null,
  });

  /** How many rows each table holds for the record (`$1` the workspace, `$2` the record), and the outbox's wake-up jobs for it. */
  async function traces(recordId: string, tables: Record<string, string>): Promise<Record<string, number>> {
    const counted: Record<string, number> = {};
    for (const [name, where] of Object.entries(tables)) counted[name] = Number((await server.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${where}`, [workspaceId, recordId]))[0].n);
    const jobs = await outboxQueue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed']);
    return { ...counted, wakeUpJobs: jobs.filter((job) => (job.data as { recordId?: string }).recordId === recordId).length };
  }

  /** Every row the deal hook writes for the opportunity, and what it announced outside PostgreSQL. */
  const dealTraces = (opportunityId: string) =>
    traces(opportunityId, {
      deal: `trackflow.crm_deal WHERE workspace_id = $1 AND opportunity_id = $2`,
      stageChanges: `trackflow.deal_stage_change WHERE workspace_id = $1 AND opportunity_id = $2`,
      conversions: `trackflow.conversion WHERE workspace_id = $1 AND opportunity_id = $2`,
      pendingWrites: `trackflow.twenty_pending_update WHERE workspace_id = $1 AND record_id = $2`,
      webhookDeliveries: `trackflow.webhook_delivery d WHERE d.workspace_id = $1 AND d.payload->>'opportunityId' = $2`,
    });

  /** Every row the lead hook writes for the person, and what it announced outside PostgreSQL. */
  const leadTraces = (personId: string) =>
    traces(personId, {
      person: `trackflow.crm_person WHERE workspace_id = $1 AND person_id = $2`,
      statusChanges: `trackflow.lead_status_change WHERE workspace_id = $1 AND person_id = $2`,
      linkedVisitors: `trackflow.visitor WHERE workspace_id = $1 AND person_id = $2`,
      conversions: `trackflow.conversion WHERE workspace_id = $1 AND person_id = $2`,
      pendingWrites: `trackflow.twenty_pending_update WHERE workspace_id = $1 AND record_id = $2`,
      webhookDeliveries: `trackflow.webhook_delivery d WHERE d.workspace_id = $1 AND d.payload->>'personId' = $2`,
    });

  beforeAll(async () => {
    server = await TestServer.start();
    ({ workspaceId } = await server.createKey());
    const [{ id: apiKeyId }] = await server.dataSource.query<{ id: string }[]>(`SELECT id FROM trackflow.api_key WHERE workspace_id = $1`, [workspaceId]);
    const webhooks = server.get(OutgoingWebhooksService);
    for (const eventType of ['conversion.created', 'deal.attributed']) await webhooks.subscribe(workspaceId, apiKeyId, eventType, 'https://hooks.example.com/trackflow');
    outboxQueue = server.running.app.get<Queue>(getQueueToken(TWENTY_OUTBOX_QUEUE) as never, { strict: false });
  });

  afterAll(async () => {
    await server.stop();
  });

  afterEach(() => jest.restoreAllMocks());

  it('leaves no row and announces nothing when it fails midway, and does it all on the next attempt', async () => {
    const opportunityId = randomUUID();
    const change = wonDeal(opportunityId);
    // The last steps of the transaction fail: the stage log, deal row, conversion, attribution and write-back are already written in it.
    const outbox = server.get(TwentyOutboxService);
    const syncMirror = outbox.syncMirror.bind(outbox);
    jest.spyOn(outbox, 'syncMirror').mockImplementation(async (workspace, kind, ids, transaction) => {
      if (kind === 'dealAttribution') throw new Error('injected failure');
      return syncMirror(workspace, kind, ids, transaction);
    });
    await expect(server.get(DealHook).handle(workspaceId, change)).rejects.toThrow('injected failure');
    expect(await dealTraces(opportunityId)).toEqual({ deal: 0, stageChanges: 0, conversions: 0, pendingWrites: 0, webhookDeliveries: 0, wakeUpJobs: 0 });

    // Twenty's retry of the same delivery.
    jest.restoreAllMocks();
    expect(await server.get(DealHook).handle(workspaceId, change)).toContain('won (conversion');
    expect(await dealTraces(opportunityId)).toEqual({ deal: 1, stageChanges: 1, conversions: 1, pendingWrites: 1, webhookDeliveries: 2, wakeUpJobs: 1 });
  });

  it("leaves no trace of a lead when the hook fails midway (no person, status log, visitor link or conversion), and does it all on the next attempt", async () => {
    const personId = randomUUID();
    const change = newLead(personId);
    // The last step fails: the person, its status change, the visitor link, the conversion and its attribution are already written in the transaction.
    jest.spyOn(server.get(CrmWriter), 'updatePersonAttribution').mockRejectedValue(new Error('injected failure'));
    await expect(server.get(LeadHook).handle(workspaceId, change)).rejects.toThrow('injected failure');
    expect(await leadTraces(personId)).toEqual({ person: 0, statusChanges: 0, linkedVisitors: 0, conversions: 0, pendingWrites: 0, webhookDeliveries: 0, wakeUpJobs: 0 });

    jest.restoreAllMocks();
    expect(await server.get(LeadHook).handle(workspaceId, change)).toMatch(/^lead .* under .*; lead status \(none\) → NEW$/);
    expect(await leadTraces(personId)).toEqual({ person: 1, statusChanges: 1, linkedVisitors: 1, conversions: 1, pendingWrites: 1, webhookDeliveries: 1, wakeUpJobs: 1 });
  });

  it('queues a Twenty write with its transaction: its wake-up job follows the commit and never a rollback', async () => {
    const records = server.get(CrmRecordsRepository);
    const outbox = server.get(TwentyOutboxService);
    const rolledBack = randomUUID();
    await expect(
      records.withRecordLock(workspaceId, rolledBack, async (transaction) => {
        await outbox.updateRecord({ workspaceId, plural: 'opportunities', recordId: rolledBack, data: { trackflowSource: 'never' } }, transaction);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await dealTraces(rolledBack)).toMatchObject({ pendingWrites: 0, wakeUpJobs: 0 });

    const committed = randomUUID();
    await records.withRecordLock(workspaceId, committed, async (transaction) => {
      await outbox.updateRecord({ workspaceId, plural: 'opportunities', recordId: committed, data: { trackflowSource: 'kept' } }, transaction);
      // Inside the transaction the row is written but no job points at it yet.
      expect((await dealTraces(committed)).wakeUpJobs).toBe(0);
    });
    expect(await dealTraces(committed)).toMatchObject({ pendingWrites: 1, wakeUpJobs: 1 });
  });
});
