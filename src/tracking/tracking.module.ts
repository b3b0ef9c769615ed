import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';
import { ClickPersistenceRepository } from 'src/tracking/clicks/click-persistence.repository';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { ClickWorkerService } from 'src/tracking/clicks/click-worker.service';
import { PersistClicksJob } from 'src/tracking/clicks/persist-clicks.job';
import { CLICKS_QUEUE } from 'src/tracking/clicks/recorded-click';

@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: CLICKS_QUEUE,
      inject: [AppConfig],
      // Retries and back-off live here, in one place; a job that keeps failing stays visible as failed.
      useFactory: (config: AppConfig) => ({
        defaultJobOptions: { attempts: 12, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false },
        settings: { lockDuration: config.queueLockMs, stalledInterval: config.queueLockMs, maxStalledCount: 10 },
      }),
    }),
  ],
  providers: [ClickJournalService, ClickQueueService, ClickPersistenceRepository, PersistClicksJob, ClickWorkerService],
  exports: [ClickQueueService, PersistClicksJob],
})
export class TrackingModule {}
