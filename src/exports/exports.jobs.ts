import { Injectable } from '@nestjs/common';
import { RepeatableJob } from 'src/common/queue/job-handler.decorator';
import { ScheduledExportService } from 'src/exports/scheduled-export.service';

export const EXPORT_QUEUE = 'trackflow-exports';
export const DAILY_EXPORT_JOB = 'export-daily-files';

/** The scheduled export (EXPORT_CRON): yesterday's files for every workspace. */
@Injectable()
export class ExportJobs {
  constructor(private readonly exports: ScheduledExportService) {}

  @RepeatableJob(EXPORT_QUEUE, DAILY_EXPORT_JOB, (config) => config.exports.cron)
  exportDaily(): Promise<unknown> {
    return this.exports.runAll();
  }
}
