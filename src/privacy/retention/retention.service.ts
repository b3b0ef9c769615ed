import { Injectable, Logger } from '@nestjs/common';
import { RegisteredQueues } from 'src/common/queue/registered-queues.service';
import { MS_PER_DAY } from 'src/common/time/zoned-time.util';
import { AppConfig } from 'src/config/app-config';
import { effectiveRetention } from 'src/privacy/retention/retention-periods.util';
import { RetainedTable, RETAINED_TABLES, RetentionRepository } from 'src/privacy/retention/retention.repository';
import { SettingsService } from 'src/settings/settings.service';

type RetentionResult = { deleted: Record<RetainedTable | 'visitor', number>; failedJobs: number; failed: string[] };

/**
 * Deletes what is past its retention period (seed 001: clicks 2 years, events and sessions 1 year,
 * API request log 90 days, failed click jobs 7 days; RETENTION_*_DAYS, 0 keeps forever), each
 * workspace under its own periods where its settings give them: raw tracking rows, delivery logs,
 * and the visitors nothing keeps. Rollups and conversion credits stay, so past analytics remain
 * readable after their raw rows go.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly repository: RetentionRepository,
    private readonly settings: SettingsService,
    private readonly queues: RegisteredQueues,
    private readonly config: AppConfig,
  ) {}

  /** Every workspace and table; one failing workspace does not stop the others. */
  async run(now = new Date()): Promise<RetentionResult> {
    const before = (days: number) => new Date(now.getTime() - days * MS_PER_DAY);
    const deleted = Object.fromEntries([...Object.keys(RETAINED_TABLES), 'visitor'].map((table) => [table, 0])) as RetentionResult['deleted'];
    const failed: string[] = [];
    for (const workspaceId of await this.repository.workspaceIds()) {
      try {
        const periods = effectiveRetention((await this.settings.get(workspaceId)).settings, this.config.retention);
        for (const [table, { period }] of Object.entries(RETAINED_TABLES) as [RetainedTable, (typeof RETAINED_TABLES)[RetainedTable]][]) {
          if (periods[period] > 0) deleted[table] += await this.repository.deleteOlderThan(table, workspaceId, before(periods[period]));
        }
        if (periods.visitorDays > 0) deleted.visitor += await this.repository.deleteInactiveVisitors(workspaceId, before(periods.visitorDays));
      } catch (error) {
        failed.push(workspaceId);
        this.logger.error(`retention of workspace ${workspaceId} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    return { deleted, failedJobs: await this.clearFailedJobs(before(this.config.retention.failedJobDays)), failed };
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
