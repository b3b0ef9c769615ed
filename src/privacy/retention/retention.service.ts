import { Injectable, Logger } from '@nestjs/common';
import { RetainedTable, RETAINED_TABLES, RetentionRepository } from 'src/privacy/retention/retention.repository';
import { MS_PER_DAY } from 'src/common/time/zoned-time.util';
import { AppConfig } from 'src/config/app-config';

export type RetentionResult = { deleted: Record<RetainedTable, number>; failed: string[] };

/**
 * Deletes raw tracking rows past their retention period (seed 001: clicks 2 years, events and
 * sessions 1 year, API request log 90 days; RETENTION_*_DAYS, 0 keeps a table forever).
 * Rollups and conversion credits are kept: past analytics stay readable after their raw rows go.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly repository: RetentionRepository,
    private readonly config: AppConfig,
  ) {}

  periods(): Record<RetainedTable, number> {
    const { clickEventDays, visitorEventDays, visitorSessionDays, apiRequestLogDays } = this.config.retention;
    return { click_event: clickEventDays, visitor_event: visitorEventDays, visitor_session: visitorSessionDays, api_request_log: apiRequestLogDays };
  }

  /** Every workspace and table; one failing workspace does not stop the others. */
  async run(now = new Date()): Promise<RetentionResult> {
    const periods = this.periods();
    const deleted = Object.fromEntries(Object.keys(RETAINED_TABLES).map((table) => [table, 0])) as Record<RetainedTable, number>;
    const failed: string[] = [];
    for (const workspaceId of await this.repository.workspaceIds()) {
      try {
        for (const [table, days] of Object.entries(periods) as [RetainedTable, number][]) {
          if (days > 0) deleted[table] += await this.repository.deleteOlderThan(table, workspaceId, new Date(now.getTime() - days * MS_PER_DAY));
        }
      } catch (error) {
        failed.push(workspaceId);
        this.logger.error(`retention of workspace ${workspaceId} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    return { deleted, failed };
  }
}
