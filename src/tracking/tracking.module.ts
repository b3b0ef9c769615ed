import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AttributionModule } from 'src/attribution/attribution.module';
import { AppConfig } from 'src/config/app-config';
import { ClickJournalHealth } from 'src/tracking/clicks/click-journal.health';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { ClickPersistenceRepository } from 'src/tracking/clicks/click-persistence.repository';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';
import { CollectHandler } from 'src/tracking/collect/collect.handler';
import { EventPersistenceRepository } from 'src/tracking/events/event-persistence.repository';
import { PersistEventsJob } from 'src/tracking/events/persist-events.job';
import { EVENTS_QUEUE } from 'src/tracking/events/received-event-batch';
import { IpCountryService } from 'src/tracking/geo/ip-country.service';
import { TrackerScriptController } from 'src/tracking/tracker/tracker-script.controller';
import { TrackingWorkersService } from 'src/tracking/tracking-workers.service';
import { VisitorsRepository } from 'src/tracking/visitors/visitors.repository';
import { VisitorsResolver } from 'src/tracking/visitors/visitors.resolver';

@Module({
  imports: [
    AttributionModule,
    ...[CLICKS_QUEUE, EVENTS_QUEUE].map((name) =>
      BullModule.registerQueueAsync({
        name,
        inject: [AppConfig],
        // Retries and back-off live here, in one place; a job that keeps failing stays visible as failed.
        useFactory: (config: AppConfig) => ({
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
    TrackingWorkersService,
    VisitorsRepository,
    VisitorsResolver,
  ],
  exports: [ClickQueueService, PersistClicksJob, CollectHandler],
})
export class TrackingModule {}
