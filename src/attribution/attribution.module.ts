import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AttributionResolver } from 'src/attribution/attribution.resolver';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { DealAttributionsRepository } from 'src/attribution/deal-attributions.repository';
import { ConversionsRepository } from 'src/attribution/conversions/conversions.repository';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { ATTRIBUTION_QUEUE, RefitModelsJob } from 'src/attribution/fitting/refit-models.job';
import { AttributionModelsRepository } from 'src/attribution/models/attribution-models.repository';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { AttributionReportsService } from 'src/attribution/reports/attribution-reports.service';
import { TouchpointsRepository } from 'src/attribution/touchpoints.repository';

@Module({
  imports: [BullModule.registerQueue({ name: ATTRIBUTION_QUEUE, defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } })],
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
    RefitModelsJob,
    AttributionResolver,
  ],
  exports: [AttributionModelsService, ConversionsService, ConversionAttributionService, ModelFittingService],
})
export class AttributionModule {}
