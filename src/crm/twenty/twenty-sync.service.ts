import { Injectable, Logger } from '@nestjs/common';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';
import { AppConfig } from 'src/config/app-config';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { RECORD_PAGE_SIZE, TwentyClient, TwentyClientOptions } from 'src/crm/twenty/twenty-client';
import { TwentyRequestBudget } from 'src/crm/twenty/twenty-request-budget.service';
import { TwentyChangesService } from 'src/crm/twenty/twenty-changes.service';
import { TwentyConnection, TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyDeliveryRepository } from 'src/crm/twenty/twenty-delivery.repository';
import { TwentySyncDto } from 'src/crm/twenty/twenty-sync-status.dto';
import { SyncCursor, TwentySyncCursorRepository } from 'src/crm/twenty/twenty-sync-cursor.repository';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

/** A queue of its own: its schedule always holds a delayed job, which must not keep the delivery queue from draining. */
export const TWENTY_SYNC_QUEUE = 'trackflow-twenty-sync';
export const RECONCILE_JOB = 'reconcile-twenty';

/** Companies first (deal journeys and rollups read them), then people, then the deals over them. */
const SYNCED_OBJECTS = [
  { nameSingular: 'company', namePlural: 'companies' },
  { nameSingular: 'person', namePlural: 'people' },
  { nameSingular: 'opportunity', namePlural: 'opportunities' },
] as const;

/**
 * Two walks per object: changes (ordered by updatedAt), and records moved to Twenty's trash
 * (ordered by deletedAt), which a plain list leaves out (R1). Records destroyed outright leave no
 * trace to list: a presence check (below) finds them.
 */
type Walk = { field: 'updatedAt' | 'deletedAt'; action: 'updated' | 'deleted'; cursorKey: (plural: string) => string };
type ReconciledAction = Walk['action'] | 'destroyed';
const WALKS: readonly Walk[] = [
  { field: 'updatedAt', action: 'updated', cursorKey: (plural) => plural },
  { field: 'deletedAt', action: 'deleted', cursorKey: (plural) => `${plural}:deleted` },
];
export type SyncProgress = (objectPlural: string, done: number, total: number) => void;
/** Records handed to the hooks, per object: changed ones, ones found in Twenty's trash, and ones found gone altogether. */
export type SyncSummary = { processed: Record<string, number>; deleted: Record<string, number>; gone: Record<string, number> };

/**
 * Pages of 60 records each run asks Twenty about, per object, to find records destroyed while no
 * delivery reached TrackFlow: a workspace of up to 1,200 known records is checked whole every run,
 * a larger one in turns (the position is kept), so the check costs at most 20 requests a run.
 * A full sync checks every record.
 */
const PRESENCE_PAGES_PER_RUN = 20;
/**
 * Records of a page handed to the hooks at once. Each record's hooks spend most of their time
 * waiting on PostgreSQL's commits, which overlap; the hooks already run side by side for deliveries
 * (the CRM queue's concurrency), as they take their own locks per record.
 */
const RECORDS_AT_ONCE = 4;
/** Failed deliveries the sync status lists. */
const RECENT_FAILURES = 10;

/** A summary's counts as an operator reads them: `12 companies, 5000 people, 2000 opportunities`. */
export const syncCounts = (counts: Record<string, number>) => Object.entries(counts).map(([plural, count]) => `${count} ${plural}`).join(', ');
const presenceKey = (plural: string) => `${plural}:present`;

/**
 * Reconciliation and backfill: pages through Twenty's people, companies and opportunities changed
 * (or moved to the trash) since a stored cursor (REST list ordered by updatedAt or deletedAt,
 * docs/twenty-contracts.md R1) and hands each record to the same hooks a delivery would. The hooks compare with what TrackFlow already
 * holds, so a change seen both as a delivery and here is acted on once, and a record whose only
 * change is TrackFlow's own write-back changes nothing. The cursor moves past a record only once
 * it and every record before it are processed, so a run cut short resumes where it stopped.
 */
@Injectable()
export class TwentySyncService {
  private readonly logger = new Logger(TwentySyncService.name);

  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly cursors: TwentySyncCursorRepository,
    private readonly deliveries: TwentyDeliveryRepository,
    private readonly changes: TwentyChangesService,
    private readonly budget: TwentyRequestBudget,
    private readonly records: CrmRecordsRepository,
    private readonly config: AppConfig,
  ) {}

  /** Every connected workspace from its cursor; one workspace's failure is logged on its cursor and does not stop the others. */
  @RepeatableJob(TWENTY_SYNC_QUEUE, RECONCILE_JOB, (config) => (config.twentySyncIntervalSeconds > 0 ? { everyMs: config.twentySyncIntervalSeconds * 1000 } : null))
  async reconcileAll(): Promise<Record<string, SyncSummary | string>> {
    const results: Record<string, SyncSummary | string> = {};
    for (const workspaceId of await this.connections.connectedWorkspaces()) {
      results[workspaceId] = await this.sync(workspaceId, { full: false }).catch((error: Error) => {
        this.logger.warn(`reconciling workspace ${workspaceId} with Twenty failed: ${error.message}`);
        return error.message;
      });
    }
    return results;
  }

  /** From the stored cursor, or with `full` from the start (the backfill of records made before the install). */
  async sync(workspaceId: string, options: { full: boolean; progress?: SyncProgress; client?: TwentyClientOptions }): Promise<SyncSummary> {
    const connection = await this.connections.findByWorkspace(workspaceId);
    if (!connection) throw new Error(`workspace ${workspaceId} is not connected to Twenty`);
    // Reads spend what the workspace's request budget leaves the outbox's writes (R7).
    const client = this.budget.client(connection, 'read', options.client);
    const summary: SyncSummary = { processed: {}, deleted: {}, gone: {} };
    const step = async (key: string, run: () => Promise<number>): Promise<number> => {
      try {
        const done = await run();
        await this.cursors.advance(workspaceId, key, null, 0, null);
        return done;
      } catch (error) {
        await this.cursors.advance(workspaceId, key, null, 0, (error as Error).message);
        throw error;
      }
    };
    // Each walk ends at the instant the run began: changes made since (TrackFlow's own write-backs among them) are the next run's, so a walk never chases its own tail.
    const until = new Date().toISOString();
    for (const object of SYNCED_OBJECTS) {
      for (const walk of WALKS) {
        const key = walk.cursorKey(object.namePlural);
        const from = options.full ? null : await this.cursors.find(workspaceId, key);
        summary[walk.action === 'updated' ? 'processed' : 'deleted'][object.namePlural] = await step(key, () => this.syncObject(client, connection, object, walk, { from, until }, options.progress));
      }
    }
    for (const object of SYNCED_OBJECTS) {
      const key = presenceKey(object.namePlural);
      summary.gone[object.namePlural] = await step(key, () => this.findGone(client, connection, object, options.full));
    }
    return summary;
  }

  /** Deliveries received, each walk's cursor and its lag, backlog and recent failures: where the sync with Twenty stands. */
  async status(workspaceId: string): Promise<TwentySyncDto> {
    const connection = await this.connections.findByWorkspace(workspaceId);
    return {
      connected: connection !== null,
      twentyUrl: connection?.twentyUrl ?? null,
      ...(await this.deliveries.status(workspaceId, RECENT_FAILURES)),
      intervalSeconds: this.config.twentySyncIntervalSeconds,
      cursors: await this.cursors.states(workspaceId),
    };
  }

  /**
   * Asks Twenty which of the records TrackFlow counts it still holds, 60 at a time, from where the
   * last run stopped (wrapping round); each one missing (destroyed, or in the trash) goes through
   * the hooks as a deletion, as its lost delivery would have.
   */
  private async findGone(client: TwentyClient, connection: TwentyConnection, object: (typeof SYNCED_OBJECTS)[number], everything: boolean): Promise<number> {
    const key = presenceKey(object.namePlural);
    const start = everything ? null : await this.cursors.presencePosition(connection.workspaceId, key);
    let afterId = start;
    let wrapped = start === null;
    let gone = 0;
    for (let pages = 0; everything || pages < PRESENCE_PAGES_PER_RUN; pages += 1) {
      const known = await this.records.liveRecords(connection.workspaceId, object.nameSingular, afterId, RECORD_PAGE_SIZE);
      const round = wrapped && start !== null ? known.filter(({ id }) => id <= start) : known;
      if (round.length === 0) {
        if (wrapped) {
          afterId = null;
          break;
        }
        wrapped = true;
        afterId = null;
        continue;
      }
      const present = await client.existingIds(object.namePlural, round.map((record) => record.id));
      for (const record of round.filter(({ id }) => !present.has(id))) {
        await this.changes.apply(connection.workspaceId, reconciledEvent(connection, object, { id: record.id, companyId: record.companyId }, new Date().toISOString(), 'destroyed'));
        gone += 1;
      }
      afterId = round[round.length - 1].id;
    }
    await this.cursors.savePresencePosition(connection.workspaceId, key, afterId);
    return gone;
  }

  private async syncObject(client: TwentyClient, connection: TwentyConnection, object: (typeof SYNCED_OBJECTS)[number], walk: Walk, { from, until }: { from: SyncCursor | null; until: string }, progress?: SyncProgress): Promise<number> {
    const key = walk.cursorKey(object.namePlural);
    let cursor = from;
    let page: string | null = null;
    let done = 0;
    let total = 0;
    const skippedBefore = (records: Record<string, unknown>[], position: SyncCursor | null) => (page === null ? records.filter((record) => isAtOrBefore(record, position, walk.field)).length : 0);
    do {
      // `gte`: records sharing the cursor's instant are listed again and skipped by id below.
      // A comma list is a conjunction (R1); `lte` with a date also leaves out records never deleted.
      const filter = [cursor ? `${walk.field}[gte]:"${cursor.updatedAt}"` : null, `${walk.field}[lte]:"${until}"`].filter(Boolean).join(',');
      const result = await client.listRecords(object.namePlural, { filter, orderBy: `${walk.field}[AscNullsFirst]`, cursor: page });
      total = Math.max(total, done + result.totalCount - skippedBefore(result.records, cursor));
      const fresh = result.records.filter((record) => !isAtOrBefore(record, cursor, walk.field)).map((record) => ({ record, at: recordInstant(record, walk.field) }));
      for (let start = 0; start < fresh.length; start += RECORDS_AT_ONCE) {
        const together = fresh.slice(start, start + RECORDS_AT_ONCE);
        const outcomes = await Promise.allSettled(together.map(({ record, at }) => this.changes.apply(connection.workspaceId, reconciledEvent(connection, object, record, at, walk.action))));
        const firstFailure = outcomes.findIndex((outcome) => outcome.status === 'rejected');
        // The cursor passes only the records before the first failure; the ones after it that went through are applied again next run, which changes nothing.
        const applied = firstFailure === -1 ? together : together.slice(0, firstFailure);
        if (applied.length > 0) {
          const last = applied[applied.length - 1];
          cursor = { updatedAt: last.at, recordId: String(last.record.id) };
          await this.cursors.advance(connection.workspaceId, key, cursor, applied.length, null);
          done += applied.length;
        }
        if (firstFailure !== -1) throw (outcomes[firstFailure] as PromiseRejectedResult).reason;
      }
      progress?.(key, done, total);
      page = result.nextCursor;
    } while (page);
    // Records listed twice (sharing the cursor's instant) make Twenty's count an estimate: the end is the end.
    progress?.(key, done, done);
    return done;
  }
}

/** Twenty's updatedAt (or deletedAt) as a canonical ISO instant, so cursor comparisons are exact. */
function recordInstant(record: Record<string, unknown>, field: Walk['field']): string {
  const parsed = Date.parse(String(record[field] ?? record.createdAt ?? ''));
  return new Date(Number.isNaN(parsed) ? 0 : parsed).toISOString();
}

/** Whether the cursor is already past this record (same instant: by id, Twenty's tie-break). */
function isAtOrBefore(record: Record<string, unknown>, cursor: SyncCursor | null, field: Walk['field']): boolean {
  if (!cursor) return false;
  const at = recordInstant(record, field);
  return at < cursor.updatedAt || (at === cursor.updatedAt && String(record.id) <= cursor.recordId);
}

/** What a delivery of the record's latest change would have said: hooks cannot tell the two apart. */
function reconciledEvent(connection: TwentyConnection, object: (typeof SYNCED_OBJECTS)[number], record: Record<string, unknown>, at: string, action: ReconciledAction): TwentyWebhookEvent {
  return {
    eventName: `${object.nameSingular}.${action}`,
    objectMetadata: { id: '', nameSingular: object.nameSingular },
    workspaceId: connection.twentyWorkspaceId ?? '',
    webhookId: connection.webhookId,
    eventDate: at,
    record: record as TwentyWebhookEvent['record'],
    // Who made the latest change, as Twenty's updatedBy actor says (R8); an API key's change names no member.
    ...(typeof (record.updatedBy as { workspaceMemberId?: unknown } | undefined)?.workspaceMemberId === 'string' ? { workspaceMemberId: (record.updatedBy as { workspaceMemberId: string }).workspaceMemberId } : {}),
  };
}
