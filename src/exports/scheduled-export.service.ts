import { Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AnalyticsService } from 'src/analytics/queries/analytics.service';
import { AD_PLATFORMS } from 'src/attribution/exports/offline-conversion.util';
import { OfflineConversionsService } from 'src/attribution/exports/offline-conversions.service';
import { openAtomically, writeFileAtomically } from 'src/common/files/atomic-write';
import { AppConfig } from 'src/config/app-config';
import { activityCsvHeader, activityCsvLines, activityNdjsonLines, dailyAnalyticsCsv, dayBefore, utcDay } from 'src/exports/export-files.util';
import { ExportRunRecord, ExportRunsRepository, ExportType } from 'src/exports/export-runs.repository';
import { DayActivityService } from 'src/tracking/exports/day-activity.service';

/**
 * The files a marketer's upload tool picks up, per workspace and UTC day, in
 * EXPORT_DIR/<workspace id>/<yyyy-mm-dd>/: the offline-conversion file of each platform with rows
 * (won deals and leads of the day, default model), the day's analytics per campaign, and the day's
 * events and clicks as NDJSON and CSV. Each file appears whole (written aside, then renamed); each
 * kind is one export_run row, FAILED with its error while the others go on.
 */
@Injectable()
export class ScheduledExportService {
  private readonly logger = new Logger(ScheduledExportService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly runs: ExportRunsRepository,
    private readonly offlineConversions: OfflineConversionsService,
    private readonly analytics: AnalyticsService,
    private readonly activity: DayActivityService,
  ) {}

  /** Yesterday (UTC) for every workspace: what the repeatable job runs. */
  async runAll(now = new Date()): Promise<ExportRunRecord[]> {
    const yesterday = dayBefore(now);
    const runs: ExportRunRecord[] = [];
    for (const workspaceId of await this.runs.workspaceIds()) runs.push(...(await this.runDay(workspaceId, yesterday)));
    return runs;
  }

  async runDay(workspaceId: string, date: string): Promise<ExportRunRecord[]> {
    const day = utcDay(date);
    const folder = join(this.config.exports.dir, workspaceId, date);
    return [
      await this.run(workspaceId, 'OFFLINE_CONVERSIONS', date, folder, async () => {
        let rows = 0;
        for (const platform of AD_PLATFORMS) {
          const file = await this.offlineConversions.export(workspaceId, { platform, from: day.from, to: day.to, includeLeads: true });
          if (file.rowCount === 0) continue;
          await writeFileAtomically(join(folder, `offline-conversions-${platform}-${date}.csv`), file.text);
          rows += file.rowCount;
        }
        return rows;
      }),
      await this.run(workspaceId, 'DAILY_ANALYTICS', date, folder, async () => {
        const campaigns = await this.analytics.everyCampaignStatsBetween(workspaceId, day.from, day.to);
        await writeFileAtomically(join(folder, `daily-analytics-${date}.csv`), dailyAnalyticsCsv(date, campaigns));
        return campaigns.length;
      }),
      await this.run(workspaceId, 'EVENT_DATA', date, folder, () => this.writeActivity(workspaceId, day, folder, date)),
    ];
  }

  private async writeActivity(workspaceId: string, day: { from: Date; to: Date }, folder: string, date: string): Promise<number> {
    const ndjson = await openAtomically(join(folder, `events-${date}.ndjson`));
    const csv = await openAtomically(join(folder, `events-${date}.csv`));
    try {
      let records = 0;
      await csv.write(activityCsvHeader());
      for await (const page of this.activity.between(workspaceId, day.from, day.to)) {
        await ndjson.write(activityNdjsonLines(page));
        await csv.write(activityCsvLines(page));
        records += page.length;
      }
      await ndjson.commit();
      await csv.commit();
      return records;
    } catch (error) {
      await Promise.all([ndjson.discard(), csv.discard()]);
      throw error;
    }
  }

  private async run(workspaceId: string, type: ExportType, date: string, folder: string, work: () => Promise<number>): Promise<ExportRunRecord> {
    const id = await this.runs.start(workspaceId, type, date, folder);
    try {
      return await this.runs.finish(workspaceId, id, { recordsProcessed: await work() });
    } catch (error) {
      this.logger.error(`${type} export of workspace ${workspaceId} for ${date} failed: ${(error as Error).stack ?? String(error)}`);
      return this.runs.finish(workspaceId, id, { error: (error as Error).message });
    }
  }
}
