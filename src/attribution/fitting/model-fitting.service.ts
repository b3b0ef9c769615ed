import { Injectable } from '@nestjs/common';
import { FittedModel } from 'src/attribution/engine/data-driven/fitted-model.types';
import { buildJourneys } from 'src/attribution/engine/data-driven/journey-builder.util';
import { fitMarkov } from 'src/attribution/engine/data-driven/markov.fit';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';
import { MS_PER_DAY } from 'src/attribution/engine/lookback-window.util';
import { AttributionModelRecord, isDataDriven } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsRepository } from 'src/attribution/models/attribution-models.repository';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { TouchpointsRepository } from 'src/attribution/touchpoints.repository';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { AppConfig } from 'src/config/app-config';

type FitPeriod = { from: Date; to: Date };

/**
 * Fits MARKOV and SHAPLEY models on every journey of a period, converting or not, classified by
 * the model's own channel rules, and stores the fit with its period.
 */
@Injectable()
export class ModelFittingService {
  constructor(
    private readonly models: AttributionModelsService,
    private readonly repository: AttributionModelsRepository,
    private readonly touchpoints: TouchpointsRepository,
    private readonly config: AppConfig,
  ) {}

  /** The trailing period the nightly refit uses, ending now. */
  defaultPeriod(now = new Date()): FitPeriod {
    return { from: new Date(now.getTime() - this.config.attributionFitDays * MS_PER_DAY), to: now };
  }

  async fit(model: AttributionModelRecord, period: FitPeriod = this.defaultPeriod()): Promise<AttributionModelRecord> {
    if (!isDataDriven(model.modelType)) throw new ValidationFailure('id', `only MARKOV and SHAPLEY models are fitted; this one is ${model.modelType}`);
    if (!(period.from.getTime() < period.to.getTime())) throw new ValidationFailure('from', 'must be before to');
    const fitted = await this.fitOnPeriod(model, period);
    // A model resolved from a bare type name is not stored; its fit lives as long as the request.
    if (model.id === '') return { ...model, fittedModel: fitted, fittedAt: new Date(), fitPeriodStart: period.from, fitPeriodEnd: period.to };
    return (await this.repository.saveFit(model.workspaceId, model.id, fitted, period.from, period.to)) ?? model;
  }

  /** A data-driven model as the engine needs it: fitted, on the default period if it never was. */
  async ensureFitted(model: AttributionModelRecord): Promise<AttributionModelRecord> {
    if (!isDataDriven(model.modelType) || model.fittedModel) return model;
    return this.fit(model);
  }

  /** Refits every active data-driven model; one failing workspace does not stop the others. */
  async refitAll(period: FitPeriod = this.defaultPeriod()): Promise<{ fitted: number; failed: { modelId: string; error: string }[] }> {
    const failed: { modelId: string; error: string }[] = [];
    let fitted = 0;
    for (const model of await this.repository.listDataDriven()) {
      try {
        await this.fit(model, period);
        fitted += 1;
      } catch (error) {
        failed.push({ modelId: model.id, error: (error as Error).message });
      }
    }
    return { fitted, failed };
  }

  private async fitOnPeriod(model: AttributionModelRecord, period: FitPeriod): Promise<FittedModel> {
    const classifier = await this.models.classifierFor(model);
    const [touches, conversions] = await Promise.all([
      this.touchpoints.forPeriod(model.workspaceId, period.from, period.to),
      this.touchpoints.conversionsForPeriod(model.workspaceId, period.from, period.to),
    ]);
    const journeys = buildJourneys(
      touches.map(({ who, touch }) => ({ who, atMs: touch.at.getTime(), channel: classifier.classify(touch).channel })),
      conversions.map(({ who, at, valueMicros }) => ({ who, atMs: at.getTime(), value: Number(valueMicros) / 1e6 })),
    );
    return model.modelType === 'MARKOV' ? fitMarkov(journeys, { order: model.markovOrder }) : fitShapley(journeys);
  }
}
