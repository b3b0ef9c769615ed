import { Module } from '@nestjs/common';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { AttributionModule } from 'src/attribution/attribution.module';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { CrmModule } from 'src/crm/crm.module';
import { ExportCommands } from 'src/exports/exports.commands';
import { DAILY_EXPORT_JOB, EXPORT_QUEUE, ExportJobs } from 'src/exports/exports.jobs';
import { ExportRunsRepository } from 'src/exports/export-runs.repository';
import { ExportRunsResolver } from 'src/exports/export-runs.resolver';
import { ScheduledExportService } from 'src/exports/scheduled-export.service';
import { DayActivityModule } from 'src/tracking/exports/day-activity.module';

/**
 * Scheduled exports for marketers' upload tools, and their history. The CRM module is here for the
 * people's addresses Meta's and LinkedIn's files carry (PersonEmails), in `exports:run` as in the server.
 */
@Module({
  imports: [WorkspaceModule, AttributionModule, CrmModule, AnalyticsModule, DayActivityModule, JobQueueModule.register({ name: EXPORT_QUEUE, concurrency: 1, jobs: [DAILY_EXPORT_JOB] })],
  providers: [ExportRunsRepository, ScheduledExportService, ExportJobs, ExportRunsResolver, ExportCommands],
})
export class ExportsModule {}
