import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ANALYTICS_QUEUE, AnalyticsJobs } from 'src/analytics/analytics.jobs';
import { AnalyticsModule } from 'src/analytics/analytics.module';
import { AnalyticsResolver } from 'src/analytics/analytics.resolver';

/** The analytics API and Bull jobs, for the server (the CLI uses AnalyticsModule alone, without Redis or API keys). */
@Module({
  imports: [AnalyticsModule, BullModule.registerQueue({ name: ANALYTICS_QUEUE, defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } })],
  providers: [AnalyticsJobs, AnalyticsResolver],
})
export class AnalyticsJobsModule {}
