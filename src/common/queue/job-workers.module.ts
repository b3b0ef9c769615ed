import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from 'src/common/queue/job-workers.service';

/** The worker bootstrap; features declare queues with JobQueueModule.register and handlers with @JobHandler or @RepeatableJob. */
@Module({ imports: [DiscoveryModule], providers: [JobWorkers] })
export class JobWorkersModule {}
