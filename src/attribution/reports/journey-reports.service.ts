import { Injectable } from '@nestjs/common';
import { AttributionTarget, ClassifiedTouch, ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { CONVERSION_TYPES } from 'src/attribution/conversions/conversion.dto';
import { ConversionRecord } from 'src/attribution/conversions/conversions.repository';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { DealAttributionsRepository, DealMilestones } from 'src/attribution/deal-attributions.repository';
import { summariseAssistedConversions } from 'src/attribution/engine/reports/assisted-conversions.util';
import { summariseConversionPaths } from 'src/attribution/engine/reports/conversion-paths.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';
import { summarisePipelineInfluence } from 'src/attribution/engine/reports/pipeline-influence.util';
import { MilestoneJourney, summariseTimeLag } from 'src/attribution/engine/reports/time-lag.util';
import { AttributionModelRecord } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { AttributionGroupBy } from 'src/attribution/reports/attribution-report.dto';
import { AssistedConversionsReportDto, ConversionPathsReportDto, PipelineInfluenceReportDto, TimeLagReportDto } from 'src/attribution/reports/journey-reports.dto';
import { checkPeriod, groupKey } from 'src/attribution/reports/report-query.util';
import { ReadReplica } from 'src/common/database/read-replica.service';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { wholeNumber } from 'src/common/validation/input-rules';

/** Marketers compare quarters and years: a little over a year is enough, and bounds what one request reads. */
const MAX_PERIOD_DAYS = 400;
/** What one request reads at most; a larger period is refused, naming `from`, rather than cut short. */
const MAX_CONVERSIONS = 100_000;
const MAX_DEALS = 50_000;
const MAX_TOUCHES = 500_000;
const MAX_TOP_PATHS = 200;
const DEFAULT_TOP_PATHS = 20;

export interface JourneyReportQuery {
  from: Date;
  to: Date;
  /** A model id or type; its channel rules and lookback window shape the journeys. The default model if omitted. */
  model?: string | null;
  groupBy?: AttributionGroupBy | null;
}

type Header = Pick<ConversionPathsReportDto, 'modelId' | 'modelName' | 'modelType' | 'from' | 'to' | 'groupBy'>;

/**
 * The reports only a CRM's history makes possible: conversion paths, time lag between milestones,
 * assisted conversions, and the pipeline campaigns sourced and influenced. Each reads its journeys
 * once (conversions or deals, then every touch in one query) and leaves the counting to the engine.
 * They read from the read replica when it is healthy: a report may lag.
 */
@Injectable()
export class JourneyReportsService {
  constructor(
    private readonly conversions: ConversionsService,
    private readonly dealAttributions: DealAttributionsRepository,
    private readonly models: AttributionModelsService,
    private readonly attribution: ConversionAttributionService,
    private readonly replica: ReadReplica,
  ) {}

  async conversionPaths(workspaceId: string, query: JourneyReportQuery & { conversionType?: string | null; top?: number | null }): Promise<ConversionPathsReportDto> {
    const top = wholeNumber(query.top ?? DEFAULT_TOP_PATHS, 'top', 1, MAX_TOP_PATHS);
    const { header, conversions, journeys } = await this.convertingJourneys(workspaceId, query, AttributionGroupBy.CHANNEL);
    const summary = summariseConversionPaths(journeys, top);
    return { ...header, conversions, conversionsWithTouches: journeys.length, distinctPaths: summary.distinctPaths, paths: summary.paths, pathLengths: summary.lengths };
  }

  async assistedConversions(workspaceId: string, query: JourneyReportQuery & { conversionType?: string | null }): Promise<AssistedConversionsReportDto> {
    const { header, conversions, journeys } = await this.convertingJourneys(workspaceId, query, AttributionGroupBy.CHANNEL);
    return { ...header, conversions, conversionsWithTouches: journeys.length, rows: summariseAssistedConversions(journeys) };
  }

  /**
   * Leads dated in the period report first touch → lead; deals opened or won in it report the two
   * later stages. A deal's journey is the one attribution credits: its contact's (or company's)
   * touches in the lookback window before it was won, or before now while open.
   */
  async timeLag(workspaceId: string, query: JourneyReportQuery): Promise<TimeLagReportDto> {
    const { header, model, groupBy } = await this.prepare(workspaceId, query, AttributionGroupBy.CHANNEL);
    const leads = (await this.conversionsOf(workspaceId, query)).filter((conversion) => conversion.conversionType === 'lead');
    const deals = await this.dealsOf(workspaceId, query);
    const journeys = await this.attribution.journeys(workspaceId, [...leads, ...deals.map(dealTarget)], model, MAX_TOUCHES, this.replica);
    const milestones: MilestoneJourney[] = journeys.map(({ touches }, index) => {
      const keyed = touches.map(({ touch, channel }) => ({ atMs: touch.at.getTime(), key: groupKey(groupBy, channel, touch) }));
      if (index < leads.length) return { touches: keyed, leadMs: leads[index].convertedAt.getTime(), opportunityMs: null, wonMs: null, stages: ['FIRST_TOUCH_TO_LEAD'] };
      const deal = deals[index - leads.length];
      return { touches: keyed, leadMs: deal.leadAt?.getTime() ?? null, opportunityMs: deal.openedAt?.getTime() ?? null, wonMs: deal.wonAt?.getTime() ?? null, stages: ['LEAD_TO_OPPORTUNITY', 'OPPORTUNITY_TO_WON'] };
    });
    return { ...header, stages: summariseTimeLag(milestones, query.from.getTime(), query.to.getTime()) };
  }

  /** Open pipeline: deals opened in the period and still open; revenue: deals won in the period. */
  async pipelineInfluence(workspaceId: string, query: JourneyReportQuery): Promise<PipelineInfluenceReportDto> {
    const { header, model, groupBy } = await this.prepare(workspaceId, query, AttributionGroupBy.CAMPAIGN);
    const inPeriod = (at: Date | null): boolean => at !== null && at >= query.from && at < query.to;
    const deals = (await this.dealsOf(workspaceId, query)).filter((deal) => (deal.wonAt ? inPeriod(deal.wonAt) : inPeriod(deal.openedAt)));
    const journeys = await this.attribution.journeys(workspaceId, deals.map(dealTarget), model, MAX_TOUCHES, this.replica);
    const summary = summarisePipelineInfluence(
      journeys.map(({ touches }, index) => ({
        status: deals[index].wonAt ? 'won' : 'open',
        amountMicros: deals[index].amountMicros,
        currencyCode: deals[index].currencyCode,
        keys: keysOf(groupBy, touches),
      })),
    );
    return { ...header, ...summary };
  }

  private async convertingJourneys(
    workspaceId: string,
    query: JourneyReportQuery & { conversionType?: string | null },
    defaultGroupBy: AttributionGroupBy,
  ): Promise<{ header: Header; conversions: number; journeys: ConvertingJourney[] }> {
    const type = query.conversionType?.trim().toLowerCase() || null;
    if (type !== null && !(CONVERSION_TYPES as readonly string[]).includes(type)) throw new ValidationFailure('conversionType', `must be one of ${CONVERSION_TYPES.join(', ')}`);
    const { header, model, groupBy } = await this.prepare(workspaceId, query, defaultGroupBy);
    const conversions = (await this.conversionsOf(workspaceId, query)).filter((conversion) => type === null || conversion.conversionType === type);
    const journeys: ConvertingJourney[] = [];
    for (const { target, touches } of await this.attribution.journeys(workspaceId, conversions, model, MAX_TOUCHES, this.replica)) {
      if (touches.length === 0) continue;
      journeys.push({ keys: keysOf(groupBy, touches), firstTouchMs: touches[0].touch.at.getTime(), convertedMs: target.convertedAt.getTime(), valueMicros: target.valueMicros, currencyCode: target.currencyCode });
    }
    return { header, conversions: conversions.length, journeys };
  }

  private async prepare(workspaceId: string, query: JourneyReportQuery, defaultGroupBy: AttributionGroupBy): Promise<{ header: Header; model: AttributionModelRecord; groupBy: AttributionGroupBy }> {
    checkPeriod(query.from, query.to, MAX_PERIOD_DAYS);
    const groupBy = query.groupBy ?? defaultGroupBy;
    // A path of link ids reads as noise; links are a campaign's parts, so campaigns group them.
    if (groupBy === AttributionGroupBy.LINK) throw new ValidationFailure('groupBy', 'must be CHANNEL, SOURCE or CAMPAIGN for this report');
    const model = await this.models.resolve(workspaceId, query.model);
    return { header: { modelId: model.id || null, modelName: model.name, modelType: model.modelType, from: query.from, to: query.to, groupBy }, model, groupBy };
  }

  private async conversionsOf(workspaceId: string, { from, to }: JourneyReportQuery): Promise<ConversionRecord[]> {
    const conversions = await this.conversions.listBetween(workspaceId, from, to, MAX_CONVERSIONS + 1, this.replica);
    if (conversions.length > MAX_CONVERSIONS) throw new ValidationFailure('from', `the period holds more than ${MAX_CONVERSIONS} conversions; ask for a shorter one`);
    return conversions;
  }

  private async dealsOf(workspaceId: string, { from, to }: JourneyReportQuery): Promise<DealMilestones[]> {
    const deals = await this.dealAttributions.milestonesBetween(workspaceId, from, to, MAX_DEALS + 1, this.replica);
    if (deals.length > MAX_DEALS) throw new ValidationFailure('from', `the period holds more than ${MAX_DEALS} opened or won deals; ask for a shorter one`);
    return deals;
  }
}

const keysOf = (groupBy: AttributionGroupBy, touches: readonly ClassifiedTouch[]): string[] => touches.map(({ touch, channel }) => groupKey(groupBy, channel, touch));

/** A deal's journey ends when it was won, or now while it is open, as the deal hook attributes it. */
function dealTarget(deal: DealMilestones): AttributionTarget {
  return {
    id: null,
    opportunityId: deal.opportunityId,
    visitorId: null,
    personId: deal.pointOfContactId,
    companyId: deal.companyId,
    valueMicros: deal.amountMicros,
    currencyCode: deal.currencyCode,
    convertedAt: deal.wonAt ?? new Date(),
  };
}
