import { Injectable, Logger } from '@nestjs/common';
import { RegisteredQueues } from 'src/common/queue/registered-queues.service';
import { MS_PER_DAY } from 'src/common/time/zoned-time.util';
import { AppConfig, RetentionPeriods } from 'src/config/app-config';
import { EventPartitionsRepository, PARTITIONED_TABLES, PartitionedTable } from 'src/privacy/retention/event-partitions.repository';
import { effectiveRetention } from 'src/privacy/retention/retention-periods.util';
import { RetainedTable, RETAINED_TABLES, RetentionRepository } from 'src/privacy/retention/retention.repository';
import { SettingsService } from 'src/settings/settings.service';

type RetentionResult = { deleted: Record<RetainedTable | 'visitor', number>; droppedPartitions: string[]; failedJobs: number; failed: string[] };

/**
 * Deletes what is past its retention period (seed 001: clicks 2 years, events and sessions 1 year,
 * API request log 90 days, failed click jobs 7 days; RETENTION_*_DAYS, 0 keeps forever), each
 * workspace under its own periods where its settings give them: raw tracking rows, delivery logs,
 * and the visitors nothing keeps. Rollups and conversion credits stay, so past analytics remain
 * readable after their raw rows go.
 *
 * Clicks, events and sessions are partitioned by month and the partitions are shared by every
 * workspace: a month goes whole once it is older than every workspace's period (a workspace
 * keeping them forever keeps every month), and the rows of the months some workspace still keeps
 * are deleted one by one per workspace as before.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly repository: RetentionRepository,
    private readonly partitions: EventPartitionsRepository,
    private readonly settings: SettingsService,
    private readonly queues: RegisteredQueues,
    private readonly config: AppConfig,
  ) {}

  /** Every workspace and table; one failing workspace does not stop the others. */
  async run(now = new Date()): Promise<RetentionResult> {
    const before = (days: number) => new Date(now.getTime() - days * MS_PER_DAY);
    const deleted = Object.fromEntries([...Object.keys(RETAINED_TABLES), 'visitor'].map((table) => [table, 0])) as RetentionResult['deleted'];
    const failed: string[] = [];
    const periodsOf = new Map<string, RetentionPeriods>();
    for (const workspaceId of await this.repository.workspaceIds()) {
      try {
        periodsOf.set(workspaceId, effectiveRetention((await this.settings.get(workspaceId)).settings, this.config.retention));
      } catch (error) {
        this.failedWorkspace(failed, workspaceId, error);
      }
    }
    // A workspace whose periods are unknown might keep any month.
    const droppedPartitions = failed.length === 0 ? await this.dropExpiredMonths([...periodsOf.values()], before) : [];
    for (const [workspaceId, periods] of periodsOf) {
      try {
        for (const [table, { period }] of Object.entries(RETAINED_TABLES) as [RetainedTable, (typeof RETAINED_TABLES)[RetainedTable]][]) {
          if (periods[period] > 0) deleted[table] += await this.repository.deleteOlderThan(table, workspaceId, before(periods[period]));
        }
        if (periods.visitorDays > 0) deleted.visitor += await this.repository.deleteInactiveVisitors(workspaceId, before(periods.visitorDays));
      } catch (error) {
        this.failedWorkspace(failed, workspaceId, error);
      }
    }
    return { deleted, droppedPartitions, failedJobs: await this.clearFailedJobs(before(this.config.retention.failedJobDays)), failed };
  }

  /** The partitions ahead, and the months rows landed in the DEFAULT partitions for (PARTITION_MAINTENANCE_CRON). */
  async createPartitionsAhead(now = new Date()): Promise<string[]> {
    const created: string[] = [];
    for (const table of Object.keys(PARTITIONED_TABLES) as PartitionedTable[]) created.push(...(await this.partitions.createAhead(table, now)));
    return created;
  }

  /** The partitions whose statistics lag what was written to them, analysed (PARTITION_ANALYZE_CRON). */
  analyzeStalePartitions(): Promise<string[]> {
    return this.partitions.analyzeStale();
  }

  /** Drops each partitioned table's months older than the longest period any workspace keeps it for. */
  private async dropExpiredMonths(periods: RetentionPeriods[], before: (days: number) => Date): Promise<string[]> {
    const dropped: string[] = [];
    for (const table of Object.keys(PARTITIONED_TABLES) as PartitionedTable[]) {
      const days = periods.map((ofWorkspace) => ofWorkspace[RETAINED_TABLES[table].period]);
      if (days.length === 0 || days.includes(0)) continue;
      dropped.push(...(await this.partitions.dropMonthsBefore(table, before(Math.max(...days)))));
    }
    return dropped;
  }

  private failedWorkspace(failed: string[], workspaceId: string, error: unknown): void {
    if (!failed.includes(workspaceId)) failed.push(workspaceId);
    this.logger.error(`retention of workspace ${workspaceId} failed: ${(error as Error).stack ?? String(error)}`);
  }

  /** Failed jobs carry what they were given (clicks with their raw addresses): kept to be looked into, not for ever. */
  private async clearFailedJobs(before: Date): Promise<number> {
    if (this.config.retention.failedJobDays === 0) return 0;
    let cleared = 0;
    // Bull counts the grace back from its own clock.
    for (const queue of this.queues.all()) cleared += (await queue.clean(Date.now() - before.getTime(), 'failed')).length;
    return cleared;
  }
}
