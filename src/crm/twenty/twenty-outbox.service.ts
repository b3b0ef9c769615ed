import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { AttributionModelsChanged } from 'src/attribution/attribution.events';
import type { Transaction } from 'src/common/database/transaction';
import { DomainEvent, OnDomainEvent } from 'src/common/events/domain-event';
import { DomainEvents } from 'src/common/events/domain-events';
import { JobHandler } from 'src/common/queue/job-handler.decorator';
import { Jobs } from 'src/common/queue/jobs.service';
import { MAX_BATCH_RECORDS, TwentyApiError, TwentyClient } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { TwentyPendingRepository } from 'src/crm/twenty/twenty-pending.repository';
import { TwentyRequestBudget } from 'src/crm/twenty/twenty-request-budget.service';
import { MIRROR_PLURAL, MirrorKind } from 'src/crm/twenty/twenty-mirror.util';
import { CampaignsChanged, LinkChanged, VariantChanged } from 'src/links/links.events';

export const TWENTY_OUTBOX_QUEUE = 'trackflow-twenty-outbox';
const UPDATE_RECORD_JOB = 'update-twenty-record';
const UPSERT_PERSON_JOB = 'upsert-twenty-person';
const SYNC_MIRROR_JOB = 'sync-twenty-mirror';
export const TWENTY_OUTBOX_JOBS = [UPDATE_RECORD_JOB, UPSERT_PERSON_JOB, SYNC_MIRROR_JOB];

type RecordUpdate = { workspaceId: string; plural: string; recordId: string; data: Record<string, unknown> };
/** Which record has fields waiting in twenty_pending_update; the values are read when the job runs. */
type UpdateWakeUp = Omit<RecordUpdate, 'data'>;
/** A lead form's person: found by email in Twenty and updated, or created. */
type PersonUpsert = { workspaceId: string; email: string; firstName: string; lastName: string; visitorId: string | null };
/** Mirrored rows waiting in twenty_pending_mirror: their state is read when the job runs, so a retried job never writes stale values over newer ones. */
type MirrorSync = { workspaceId: string; kind: MirrorKind; ids: string[] };
type OutboxJob = UpdateWakeUp | PersonUpsert | MirrorSync;

/**
 * Writes owed to Twenty were stored in twenty_pending_*: their wake-up jobs. Announced with the
 * writer's transaction, they reach Redis once the rows are committed, so a job never looks for
 * rows not there yet, nor wakes for rows rolled back.
 */
const WritesOwed = new DomainEvent<{ jobs: { name: string; data: UpdateWakeUp | MirrorSync }[] }>('twenty.writes-owed');

/** How long a write Twenty throttled waits before it is tried again (Twenty's long bucket refills one request every 600 ms). */
const THROTTLED_PAUSE_MS = 5_000;
const UPSERT_TIMEOUT_MS = 1000;
/**
 * Fewer records than this go one PATCH each: a batch costs a lookup of which records still exist
 * besides the upsert, and an upsert would restore a record deleted meanwhile (R3).
 */
const MIN_BATCH = 3;
/**
 * How long a write-back waits for others of its object to join it: the hooks of a backfill or a
 * reconciliation page write many records a second, and a request each would spend the budget
 * sixty times faster than one batch. A second is nothing to the sales staff reading the fields.
 */
const BATCH_WINDOW_MS = 1_000;
const isLasting = (error: unknown): error is TwentyApiError => error instanceof TwentyApiError && error.kind !== 'throttled' && error.kind !== 'unavailable';

/**
 * Writes to Twenty go through this queue, one at a time, each request within the workspace's
 * request budget (TwentyRequestBudget, shared with reconciliation under Twenty's throttle:
 * docs/twenty-contracts.md, R7). What is owed waits in PostgreSQL (TwentyPendingRepository): a
 * job is a wake-up, a batch window after its record was queued, that sends its record and up to 59
 * others waiting of the same object or kind in one request, so a backlog (a backfill) costs a
 * request per 60 records, not per record; most of its jobs find their record already sent and send
 * nothing. A throttled write (429, which carries no Retry-After) is put back for later as a new
 * job, however often, so it never runs out of attempts; 5xx and timeouts are retried with
 * back-off. A write Twenty refuses for good (invalid, not found, no permission) fails its job
 * visibly instead of being retried forever, and a batch Twenty refuses goes again record by
 * record, so one bad value holds back only its own record.
 */
@Injectable()
export class TwentyOutboxService {
  private readonly logger = new Logger(TwentyOutboxService.name);

  constructor(
    private readonly jobs: Jobs,
    private readonly connections: TwentyConnectionService,
    private readonly mirror: TwentyMirrorRepository,
    private readonly pending: TwentyPendingRepository,
    private readonly budget: TwentyRequestBudget,
    private readonly events: DomainEvents,
  ) {}

  /** Queues the fields for the record's next write, in the caller's transaction when it gives one. */
  async updateRecord({ workspaceId, plural, recordId, data }: RecordUpdate, transaction?: Transaction): Promise<void> {
    await this.pending.addUpdate(workspaceId, plural, recordId, data, transaction);
    await this.events.publish(WritesOwed, { jobs: [{ name: UPDATE_RECORD_JOB, data: { workspaceId, plural, recordId } }] }, transaction);
  }

  /** The record is gone from Twenty: what was waiting for it will never be sent. */
  async dropPendingUpdates(workspaceId: string, plural: string, recordId: string, transaction?: Transaction): Promise<void> {
    await this.pending.dropUpdates(workspaceId, plural, [recordId], transaction);
  }

  /** Resolves once the job is on a replica too (or fails), as a lead form answers on it and keeps nothing else of the person. */
  async upsertPerson(person: PersonUpsert): Promise<void> {
    await this.jobs.enqueue(TwentyOutboxService, person, { name: UPSERT_PERSON_JOB, withinMs: UPSERT_TIMEOUT_MS, replicated: true });
  }

  /**
   * Brings Twenty's copies of these rows up to date (created, updated, or deleted if the row is
   * gone), in the caller's transaction when it gives one; nothing without a Twenty connection.
   */
  async syncMirror(workspaceId: string, kind: MirrorKind, ids: readonly string[], transaction?: Transaction): Promise<void> {
    if (ids.length === 0 || !(await this.connections.findByWorkspace(workspaceId))) return;
    await this.pending.addMirrors(workspaceId, kind, ids, transaction);
    // A job for every batch the ids fill, so the jobs never run out before the rows do.
    const jobs: { name: string; data: MirrorSync }[] = [];
    for (let start = 0; start < ids.length; start += MAX_BATCH_RECORDS) jobs.push({ name: SYNC_MIRROR_JOB, data: { workspaceId, kind, ids: ids.slice(start, start + MAX_BATCH_RECORDS) } });
    await this.events.publish(WritesOwed, { jobs }, transaction);
  }

  @OnDomainEvent(WritesOwed)
  async wakeUp({ jobs }: typeof WritesOwed.payload): Promise<void> {
    for (const job of jobs) await this.jobs.enqueue(TwentyOutboxService, job.data, { name: job.name, delay: BATCH_WINDOW_MS });
  }

  // Records staff see in Twenty too: a change to one must reach Twenty's copy.
  @OnDomainEvent(CampaignsChanged)
  async campaignsChanged({ workspaceId, campaignIds }: typeof CampaignsChanged.payload): Promise<void> {
    await this.syncMirror(workspaceId, 'campaign', campaignIds);
  }

  @OnDomainEvent(LinkChanged)
  async linkChanged({ workspaceId, linkId }: typeof LinkChanged.payload): Promise<void> {
    await this.syncMirror(workspaceId, 'link', [linkId]);
  }

  @OnDomainEvent(VariantChanged)
  async variantChanged({ workspaceId, variantId }: typeof VariantChanged.payload): Promise<void> {
    await this.syncMirror(workspaceId, 'variant', [variantId]);
  }

  @OnDomainEvent(AttributionModelsChanged)
  async attributionModelsChanged({ workspaceId, modelIds }: typeof AttributionModelsChanged.payload): Promise<void> {
    await this.syncMirror(workspaceId, 'attributionModel', modelIds);
  }

  @JobHandler(TWENTY_OUTBOX_QUEUE, ...TWENTY_OUTBOX_JOBS)
  async write(job: Job<OutboxJob>): Promise<void> {
    const { workspaceId } = job.data;
    const connection = await this.connections.findByWorkspace(workspaceId);
    if (!connection) {
      await job.discard();
      throw new Error(`workspace ${workspaceId} has no Twenty connection any more`);
    }
    const client = this.budget.client(connection, 'write', { maxAttempts: 2 });
    try {
      if (job.name === UPSERT_PERSON_JOB) await this.upsert(client, job.data as PersonUpsert);
      else if (job.name === SYNC_MIRROR_JOB) await this.sync(client, job.data as MirrorSync);
      else await this.sendPendingUpdates(client, job.data as UpdateWakeUp);
    } catch (error) {
      if (error instanceof TwentyApiError && error.kind === 'throttled') {
        await this.jobs.enqueue(TwentyOutboxService, job.data, { name: job.name, delay: THROTTLED_PAUSE_MS });
        this.logger.warn(`Twenty throttled ${job.name} for workspace ${workspaceId}; it runs again in ${THROTTLED_PAUSE_MS / 1000} s`);
        return;
      }
      if (isLasting(error)) await job.discard();
      throw error;
    }
  }

  /** Sends what is waiting for the job's record, and for other records of the object with it when many wait. */
  private async sendPendingUpdates(client: TwentyClient, { workspaceId, plural, recordId }: UpdateWakeUp): Promise<void> {
    const batch = await this.pending.updatesWith(workspaceId, plural, recordId, MAX_BATCH_RECORDS);
    // Sent already with another record's batch; what waits besides has wake-ups of its own, each after its window.
    if (batch[0]?.recordId !== recordId) return;
    if (batch.length >= MIN_BATCH) {
      try {
        // Only records Twenty still holds out of its trash: an upsert would bring a deleted one back (R3).
        const live = await client.existingIds(plural, batch.map((update) => update.recordId));
        const sending = batch.filter((update) => live.has(update.recordId));
        if (sending.length > 0) await client.upsertRecords(plural, sending.map((update) => ({ ...update.data, id: update.recordId })));
        // A record gone meanwhile has its deletion come through as a change of its own.
        await this.pending.removeUpdates(workspaceId, plural, batch);
        return;
      } catch (error) {
        if (!isLasting(error)) throw error;
        this.logger.warn(`Twenty refused a batch of ${batch.length} ${plural} updates (${error.message}); they go one by one`);
      }
    }
    const [first] = batch;
    try {
      await client.updateRecord(plural, first.recordId, first.data);
      await this.pending.removeUpdates(workspaceId, plural, [first]);
    } catch (error) {
      // Values Twenty refuses would be merged into every later update of the record and fail it too.
      if (isLasting(error)) await this.pending.dropUpdates(workspaceId, plural, [first.recordId]);
      throw error;
    }
  }

  /** Mirrors the job's rows, and others of the kind waiting with them, in one upsert; a refused batch goes again row by row. */
  private async sync(client: TwentyClient, { workspaceId, kind, ids }: MirrorSync): Promise<void> {
    const batch = await this.pending.mirrorsWith(workspaceId, kind, ids, MAX_BATCH_RECORDS);
    if (!batch.some((row) => ids.includes(row.recordId))) return;
    const plural = MIRROR_PLURAL[kind];
    const { records, gone } = await this.mirror.load(workspaceId, kind, batch.map((row) => row.recordId));
    try {
      if (records.length > 0) await client.upsertRecords(plural, records);
    } catch (error) {
      if (!isLasting(error) || records.length === 1) throw error;
      this.logger.warn(`Twenty refused a batch of ${records.length} ${plural} (${error.message}); they go one by one`);
      for (const record of records) {
        await client.upsertRecords(plural, [record]).catch((refused: unknown) => {
          if (!isLasting(refused)) throw refused;
          this.logger.error(`Twenty refused ${kind} ${String(record.id)}: ${refused.message}`);
        });
      }
    }
    for (const id of gone) await client.destroyRecord(plural, id);
    await this.pending.removeMirrors(workspaceId, kind, batch);
  }
  /** Twenty then sends person.created or person.updated, and the lead hook takes it from there. */
  private async upsert(client: TwentyClient, person: PersonUpsert): Promise<void> {
    const [existing] = await client.findPeopleByEmail(person.email);
    const visitor = person.visitorId ? { trackflowVisitorId: person.visitorId } : {};
    if (!existing) await client.createRecord('people', { name: { firstName: person.firstName, lastName: person.lastName }, emails: { primaryEmail: person.email }, ...visitor });
    // A known person's details are Twenty's to keep; the form only brings the device it came from.
    else if (person.visitorId) await client.updateRecord('people', existing.id, visitor);
  }
}
