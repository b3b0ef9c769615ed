import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ChannelPreviewTouchDto, ConversionAttributionDto, OpportunityAttributionDto } from 'src/attribution/attribution.dto';
import { toAttributionModelDto, toChannelRuleDto, toConversionAttributionDto, toConversionDto, toModelAttributionDto } from 'src/attribution/attribution.mappers';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionDto, RecordConversionInput } from 'src/attribution/conversions/conversion.dto';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { ModelFittingService } from 'src/attribution/fitting/model-fitting.service';
import { AttributionModelDto, ChannelRuleDto, ChannelRuleInput, CreateAttributionModelInput, UpdateAttributionModelInput, UpdateChannelRuleInput } from 'src/attribution/models/attribution-model.dto';
import { AttributionModelRecord } from 'src/attribution/models/attribution-model.record';
import { AttributionModelsService } from 'src/attribution/models/attribution-models.service';
import { AttributionGroupBy, AttributionModelComparisonDto, AttributionReportDto } from 'src/attribution/reports/attribution-report.dto';
import { AttributionReportsService } from 'src/attribution/reports/attribution-reports.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { requiredText, wholeNumber } from 'src/common/validation/input-rules';

@Resolver()
export class AttributionResolver {
  constructor(
    private readonly models: AttributionModelsService,
    private readonly conversions: ConversionsService,
    private readonly attribution: ConversionAttributionService,
    private readonly reports: AttributionReportsService,
    private readonly fitting: ModelFittingService,
  ) {}

  @Query(() => [AttributionModelDto])
  @RequireScope('attribution:read')
  async attributionModels(@CurrentWorkspace() workspaceId: string): Promise<AttributionModelDto[]> {
    return Promise.all((await this.models.list(workspaceId)).map((model) => this.present(model)));
  }

  @Query(() => AttributionModelDto)
  @RequireScope('attribution:read')
  async attributionModel(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<AttributionModelDto> {
    return this.present(await this.models.get(workspaceId, id));
  }

  @Mutation(() => AttributionModelDto)
  @RequireScope('attribution:write')
  async createAttributionModel(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateAttributionModelInput): Promise<AttributionModelDto> {
    return this.present(await this.models.create(workspaceId, input));
  }

  @Mutation(() => AttributionModelDto)
  @RequireScope('attribution:write')
  async updateAttributionModel(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateAttributionModelInput,
  ): Promise<AttributionModelDto> {
    return this.present(await this.models.update(workspaceId, id, input));
  }

  @Mutation(() => AttributionModelDto, { description: 'Makes this model the workspace default (and settings.defaultAttributionModel its type)' })
  @RequireScope('attribution:write')
  async setDefaultAttributionModel(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<AttributionModelDto> {
    return this.present(await this.models.setDefault(workspaceId, id));
  }

  @Mutation(() => Boolean)
  @RequireScope('attribution:write')
  deleteAttributionModel(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.models.delete(workspaceId, id);
  }

  @Mutation(() => ChannelRuleDto)
  @RequireScope('attribution:write')
  async createChannelRule(@CurrentWorkspace() workspaceId: string, @Args('input') input: ChannelRuleInput): Promise<ChannelRuleDto> {
    return toChannelRuleDto(await this.models.createRule(workspaceId, input));
  }

  @Mutation(() => ChannelRuleDto)
  @RequireScope('attribution:write')
  async updateChannelRule(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateChannelRuleInput,
  ): Promise<ChannelRuleDto> {
    return toChannelRuleDto(await this.models.updateRule(workspaceId, id, input));
  }

  @Query(() => [ChannelPreviewTouchDto], { description: "The workspace's latest touches, newest first, as the given (unsaved) channel rules would classify them" })
  @RequireScope('attribution:read')
  async previewChannelRules(
    @CurrentWorkspace() workspaceId: string,
    @Args('rules', { type: () => [UpdateChannelRuleInput] }) rules: UpdateChannelRuleInput[],
    @Args('limit', { type: () => Int, nullable: true }) limit?: number | null,
  ): Promise<ChannelPreviewTouchDto[]> {
    const preview = await this.attribution.previewChannels(workspaceId, rules, wholeNumber(limit ?? 50, 'limit', 1, 500));
    return preview.map(({ touch, channel, ruleName }) => ({ at: touch.at, touchpointType: touch.touchpointType, source: touch.source ?? null, medium: touch.medium ?? null, campaign: touch.campaign ?? null, referrer: touch.referrer ?? null, channel, ruleName }));
  }

  @Mutation(() => Boolean)
  @RequireScope('attribution:write')
  deleteChannelRule(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.models.deleteRule(workspaceId, id);
  }

  @Mutation(() => AttributionModelDto, { description: 'Fits a MARKOV or SHAPLEY model now, on [from, to) or the default trailing period' })
  @RequireScope('attribution:write')
  async fitAttributionModel(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
  ): Promise<AttributionModelDto> {
    const period = this.fitting.defaultPeriod();
    return this.present(await this.fitting.fit(await this.models.get(workspaceId, id), { from: from ?? period.from, to: to ?? period.to }));
  }

  @Mutation(() => ConversionDto, { description: 'Records a lead, deal or other conversion of a visitor; a lead per person and a deal per opportunity are updated, not duplicated' })
  @RequireScope('attribution:write')
  async recordConversion(@CurrentWorkspace() workspaceId: string, @Args('input') input: RecordConversionInput): Promise<ConversionDto> {
    return toConversionDto(await this.conversions.record(workspaceId, input));
  }

  @Mutation(() => ConversionAttributionDto, { description: 'Credits a conversion under a model (the default if none) and stores the Deal Attribution rows, replacing earlier ones' })
  @RequireScope('attribution:write')
  async attributeConversion(
    @CurrentWorkspace() workspaceId: string,
    @Args('conversionId', { type: () => ID }) conversionId: string,
    @Args('modelId', { type: () => ID, nullable: true }) modelId?: string | null,
  ): Promise<ConversionAttributionDto> {
    const attribution = await this.attribution.attributeAndStore(workspaceId, conversionId, modelId);
    return toConversionAttributionDto(attribution, await this.models.listRules(workspaceId, attribution.model.id));
  }

  @Query(() => OpportunityAttributionDto, { description: "A deal's credit per touch under the default model and every other active model, computed now and stored nowhere" })
  @RequireScope('attribution:read')
  async opportunityAttribution(@CurrentWorkspace() workspaceId: string, @Args('opportunityId') opportunityId: string): Promise<OpportunityAttributionDto> {
    const { deal, conversion, byModel } = await this.attribution.dealUnderEveryModel(workspaceId, requiredText(opportunityId, 'opportunityId', 64));
    return {
      opportunityId,
      conversion: conversion ? toConversionDto(conversion) : null,
      value: deal.valueMicros,
      currencyCode: deal.currencyCode,
      asOf: deal.convertedAt,
      byModel: await Promise.all(byModel.map(async (attribution) => toModelAttributionDto(attribution, await this.models.listRules(workspaceId, attribution.model.id)))),
    };
  }

  @Query(() => AttributionReportDto)
  @RequireScope('attribution:read')
  attributionReport(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('groupBy', { type: () => AttributionGroupBy }) groupBy: AttributionGroupBy,
    @Args('model', { type: () => String, nullable: true, description: 'A model id or a type such as LINEAR; the default model if omitted' }) model?: string | null,
  ): Promise<AttributionReportDto> {
    return this.reports.report(workspaceId, model, from, to, groupBy);
  }

  @Query(() => AttributionModelComparisonDto)
  @RequireScope('attribution:read')
  compareAttributionModels(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('groupBy', { type: () => AttributionGroupBy }) groupBy: AttributionGroupBy,
    @Args('models', { type: () => [String], description: 'Model ids or types, 2 to 8' }) models: string[],
  ): Promise<AttributionModelComparisonDto> {
    return this.reports.compare(workspaceId, models, from, to, groupBy);
  }

  private async present(model: AttributionModelRecord): Promise<AttributionModelDto> {
    return toAttributionModelDto(model, model.id ? await this.models.listRules(model.workspaceId, model.id) : []);
  }
}
