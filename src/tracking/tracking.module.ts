import { FilteredClicksRepository } from 'src/tracking/clicks/filtered-clicks.repository';
import { CampaignFilteredClicksResolver, LinkFilteredClicksResolver } from 'src/tracking/clicks/filtered-clicks.resolver';
import { Module } from '@nestjs/common';
import { AttributionModule } from 'src/attribution/attribution.module';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { SecurityModule } from 'src/security/security.module';
import { SettingsModule } from 'src/settings/settings.module';
import { ClickJournalHealth } from 'src/tracking/clicks/click-journal.health';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { ClickPersistenceRepository } from 'src/tracking/clicks/click-persistence.repository';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { CLICK_JOBS_AT_ONCE, PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { CollectHandler } from 'src/tracking/collect/collect.handler';
import { EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { EVENT_JOBS_AT_ONCE, PersistEventsJob } from 'src/tracking/events/persist-events.job';
import { EVENTS_QUEUE } from 'src/tracking/events/received-event-batch';
import { IpCountryService } from 'src/tracking/geo/ip-country.service';
import { TrackerScriptController } from 'src/tracking/tracker/tracker-script.controller';
import { VisitorsRepository } from 'src/tracking/visitors/visitors.repository';
import { VisitorsResolver } from 'src/tracking/visitors/visitors.resolver';

@Module({
  imports: [
    AttributionModule,
    WorkspaceModule,
    SecurityModule,
    SettingsModule,
    ...[
      { name: CLICKS_QUEUE, concurrency: CLICK_JOBS_AT_ONCE, jobs: [PersistClicksJob.name] },
      { name: EVENTS_QUEUE, concurrency: EVENT_JOBS_AT_ONCE, jobs: [PersistEventsJob.name] },
    ].map((queue) =>
      JobQueueModule.register({
        ...queue,
        // Retries and back-off live here, in one place; a job that keeps failing stays visible as failed.
        options: (config) => ({
          defaultJobOptions: { attempts: 12, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false },
          settings: { lockDuration: config.queueLockMs, stalledInterval: config.queueLockMs, maxStalledCount: 10 },
        }),
      }),
    ),
  ],
  controllers: [TrackerScriptController],
  providers: [
    IpCountryService,
    ClickJournalService,
    ClickJournalHealth,
    ClickQueueService,
    ClickPersistenceRepository,
    PersistClicksJob,
    EventPersistenceRepository,
    PersistEventsJob,
    CollectHandler,
    VisitorsRepository,
    VisitorsResolver,
    FilteredClicksRepository,
    LinkFilteredClicksResolver,
    CampaignFilteredClicksResolver,
  ],
  exports: [ClickQueueService, PersistClicksJob, CollectHandler],
})
export class TrackingModule {}
