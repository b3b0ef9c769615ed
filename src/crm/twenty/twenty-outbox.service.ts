import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { RecordChanges } from 'src/common/events/record-changes';
import { MAX_BATCH_RECORDS, TwentyApiError, TwentyClient } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { MIRROR_PLURAL, MirrorKind } from 'src/crm/twenty/twenty-mirror.util';

export const TWENTY_OUTBOX_QUEUE = 'trackflow-twenty-outbox';
const UPDATE_RECORD_JOB = 'update-twenty-record';
const UPSERT_PERSON_JOB = 'upsert-twenty-person';
const SYNC_MIRROR_JOB = 'sync-twenty-mirror';

export type RecordUpdate = { workspaceId: string; plural: string; recordId: string; data: Record<string, unknown> };
/** Which record has fields waiting in twenty_pending_update; the values are read when the job runs. */
type PendingUpdate = Omit<RecordUpdate, 'data'>;
/** A lead form's person: found by email in Twenty and updated, or created. */
export type PersonUpsert = { workspaceId: string; email: string; firstName: string; lastName: string; visitorId: string | null };
/** Mirrored rows to bring up to date: their state is read when the job runs, so a retried job never writes stale values over newer ones. */
export type MirrorSync = { workspaceId: string; kind: MirrorKind; ids: string[] };
type OutboxJob = PendingUpdate | PersonUpsert | MirrorSync;

/** How long a write Twenty throttled waits before it is tried again (Twenty's long bucket refills one request every 600 ms). */
const THROTTLED_PAUSE_MS = 5_000;

/**
 * Writes to Twenty go through this queue: one at a time, at most 90 a minute per workspace, under
 * Twenty's throttle of 100 record requests a second and 100 a minute for all of a workspace's API
 * keys together (docs/twenty-contracts.md, R7). A throttled write (429, which carries no
 * Retry-After) is put back for later as a new job, however often, so it never runs out of
 * attempts; 5xx and timeouts are retried with back-off. A write Twenty refuses for good (invalid,
 * not found, no permission) fails its job visibly instead of being retried forever. Updates of one
 * record merge before they are sent and mirror writes read the row when they run, so a retry that
 * runs late never puts older values over newer ones.
 */
@Injectable()
export class TwentyOutboxService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TwentyOutboxService.name);

  constructor(
    @InjectQueue(TWENTY_OUTBOX_QUEUE) private readonly queue: Queue<OutboxJob>,
    private readonly connections: TwentyConnectionService,
    private readonly mirror: TwentyMirrorRepository,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    changes: RecordChanges,
  ) {
    changes.listen(({ workspaceId, kind, ids }) => this.syncMirror(workspaceId, kind, ids));
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    // One process function for both job names keeps the queue's one-at-a-time order across them.
    void this.queue.process('*', 1, (job) => this.write(job));
    this.queue.on('failed', (job, error) => this.logger.error(`Twenty write ${job.name} failed (attempt ${job.attemptsMade}): ${error.message}`));
  }

  async updateRecord({ workspaceId, plural, recordId, data }: RecordUpdate): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.twenty_pending_update AS p (workspace_id, object_plural, record_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, object_plural, record_id) DO UPDATE SET data = p.data || EXCLUDED.data, version = p.version + 1, updated_at = now()`,
      [workspaceId, plural, recordId, JSON.stringify(data)],
    );
    await this.queue.add(UPDATE_RECORD_JOB, { workspaceId, plural, recordId });
  }

  async upsertPerson(person: PersonUpsert): Promise<void> {
    await this.queue.add(UPSERT_PERSON_JOB, person);
  }

  /** Brings Twenty's copies of these rows up to date (created, updated, or deleted if the row is gone); nothing without a Twenty connection. */
  async syncMirror(workspaceId: string, kind: MirrorKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0 || !(await this.connections.findByWorkspace(workspaceId))) return;
    for (let start = 0; start < ids.length; start += MAX_BATCH_RECORDS) {
      await this.queue.add(SYNC_MIRROR_JOB, { workspaceId, kind, ids: ids.slice(start, start + MAX_BATCH_RECORDS) });
    }
  }

  private async write(job: Job<OutboxJob>): Promise<void> {
    const connection = await this.connections.findByWorkspace(job.data.workspaceId);
    if (!connection) {
      await job.discard();
      throw new Error(`workspace ${job.data.workspaceId} has no Twenty connection any more`);
    }
    const client = new TwentyClient(connection.twentyUrl, connection.apiKey, { maxAttempts: 2 });
    try {
      if (job.name === UPSERT_PERSON_JOB) await this.upsert(client, job.data as PersonUpsert);
      else if (job.name === SYNC_MIRROR_JOB) await this.sync(client, job.data as MirrorSync);
      else await this.sendPendingUpdate(client, job.data as PendingUpdate);
    } catch (error) {
      if (error instanceof TwentyApiError && error.kind === 'throttled') {
        await this.queue.add(job.name, job.data, { delay: THROTTLED_PAUSE_MS });
        this.logger.warn(`Twenty throttled ${job.name} for workspace ${job.data.workspaceId}; it runs again in ${THROTTLED_PAUSE_MS / 1000} s`);
        return;
      }
      if (error instanceof TwentyApiError && error.kind !== 'unavailable') {
        await job.discard();
        // Values Twenty refuses would be merged into every later update of the record and fail it too.
        if (job.name === UPDATE_RECORD_JOB) await this.forgetPendingUpdate(job.data as PendingUpdate);
      }
      throw error;
    }
  }

  /** Sends what is waiting for the record, if an earlier job has not already; values merged in meanwhile stay for their own job. */
  private async sendPendingUpdate(client: TwentyClient, { workspaceId, plural, recordId }: PendingUpdate): Promise<void> {
    const [pending]: { data: Record<string, unknown>; version: string }[] = await this.dataSource.query(
      `SELECT data, version FROM trackflow.twenty_pending_update WHERE workspace_id = $1 AND object_plural = $2 AND record_id = $3`,
      [workspaceId, plural, recordId],
    );
    if (!pending) return;
    await client.updateRecord(plural, recordId, pending.data);
    await this.dataSource.query(`DELETE FROM trackflow.twenty_pending_update WHERE workspace_id = $1 AND object_plural = $2 AND record_id = $3 AND version = $4`, [
      workspaceId,
      plural,
      recordId,
      pending.version,
    ]);
  }

  private async forgetPendingUpdate({ workspaceId, plural, recordId }: PendingUpdate): Promise<void> {
    await this.dataSource.query(`DELETE FROM trackflow.twenty_pending_update WHERE workspace_id = $1 AND object_plural = $2 AND record_id = $3`, [workspaceId, plural, recordId]);
  }

  private async sync(client: TwentyClient, { workspaceId, kind, ids }: MirrorSync): Promise<void> {
    const { records, gone } = await this.mirror.load(workspaceId, kind, ids);
    if (records.length > 0) await client.upsertRecords(MIRROR_PLURAL[kind], records);
    for (const id of gone) await client.destroyRecord(MIRROR_PLURAL[kind], id);
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
