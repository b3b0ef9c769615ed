import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AttributionResolver } from 'src/attribution/attribution.resolver';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { DealAttributionsRepository } from 'src/attribution/deal-attributions.repository';
import { ConversionsRepository } from 'src/attribution/conversions/conversions.repository';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { ReadReplicaModule } from 'src/common/database/read-replica.module';
import { JobQueueModule } from 'src/common/queue/job-queue.module';
import { OfflineConversionsCommands } from 'src/attribution/exports/offline-conversions.commands';
import { OfflineConversionsResolver } from 'src/attribution/exports/offline-conversions.resolver';
import { OfflineConversionsService } from 'src/attribution/exports/offline-conversions.service';
import { WorkspaceModule } from 'src/common/workspace/workspace.module';
import { ATTRIBUTION_QUEUE, REFIT_JOB, RefitModelsJob } from 'src/attribution/fitting/refit-models.job';
import { AttributionModelsRepository } from 'src/attribution/models/attribution-models.repository';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { AttributionPathsModule } from 'src/attribution/paths/attribution-paths.module';
import { AttributionReportsService } from 'src/attribution/reports/attribution-reports.service';
import { JourneyReportsResolver } from 'src/attribution/reports/journey-reports.resolver';
import { JourneyReportsService } from 'src/attribution/reports/journey-reports.service';
import { TouchpointsRepository } from 'src/attribution/touchpoints.repository';
import { SettingsModule } from 'src/settings/settings.module';
import { VisitorIdentityModule } from 'src/tracking/visitors/visitor-identity.module';

@Module({
  imports: [DiscoveryModule, WorkspaceModule, AttributionPathsModule, ReadReplicaModule, VisitorIdentityModule, SettingsModule, JobQueueModule.register({ name: ATTRIBUTION_QUEUE, concurrency: 1, jobs: [REFIT_JOB], options: () => ({ defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } }) })],
  providers: [
    AttributionModelsRepository,
    AttributionModelsService,
    ConversionsRepository,
    ConversionsService,
    TouchpointsRepository,
    DealAttributionsRepository,
    ModelFittingService,
    ConversionAttributionService,
    AttributionReportsService,
    JourneyReportsService,
    JourneyReportsResolver,
    RefitModelsJob,
    AttributionResolver,
    OfflineConversionsService,
    OfflineConversionsResolver,
    OfflineConversionsCommands,
  ],
  exports: [AttributionModelsService, ConversionsService, ConversionAttributionService, ModelFittingService, OfflineConversionsService],
})
export class AttributionModule {}
