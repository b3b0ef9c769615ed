import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AttributionGroupBy } from 'src/attribution/reports/attribution-report.dto';
import { AssistedConversionsReportDto, ConversionPathsReportDto, PipelineInfluenceReportDto, TimeLagReportDto } from 'src/attribution/reports/journey-reports.dto';
import { JourneyReportsService } from 'src/attribution/reports/journey-reports.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';

const MODEL = { type: () => String, nullable: true, description: 'A model id or a type such as LINEAR: its channel rules and lookback window shape the journeys; the default model if omitted' };
const CONVERSION_TYPE = { type: () => String, nullable: true, description: 'Only conversions of this type (lead, deal, …); every conversion if omitted' };
const groupByArg = (fallback: AttributionGroupBy) => ({ type: () => AttributionGroupBy, nullable: true, description: `CHANNEL, SOURCE or CAMPAIGN; ${fallback} if omitted` });

/** Journey reports over [from, to), at most 400 days. */
@Resolver()
export class JourneyReportsResolver {
  constructor(private readonly reports: JourneyReportsService) {}

  @Query(() => ConversionPathsReportDto, { description: 'The most common sequences of touches of converting journeys, and how many touches journeys take' })
  @RequireScope('attribution:read')
  conversionPaths(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('model', MODEL) model?: string | null,
    @Args('groupBy', groupByArg(AttributionGroupBy.CHANNEL)) groupBy?: AttributionGroupBy | null,
    @Args('conversionType', CONVERSION_TYPE) conversionType?: string | null,
    @Args('top', { type: () => Int, nullable: true, description: 'How many paths, 1 to 200; 20 if omitted' }) top?: number | null,
  ): Promise<ConversionPathsReportDto> {
    return this.reports.conversionPaths(workspaceId, { from, to, model, groupBy, conversionType, top });
  }

  @Query(() => TimeLagReportDto, { description: 'Days and touches from first touch to lead, lead to opportunity and opportunity to won, by the group of the first touch' })
  @RequireScope('attribution:read')
  timeLag(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('model', MODEL) model?: string | null,
    @Args('groupBy', groupByArg(AttributionGroupBy.CHANNEL)) groupBy?: AttributionGroupBy | null,
  ): Promise<TimeLagReportDto> {
    return this.reports.timeLag(workspaceId, { from, to, model, groupBy });
  }

  @Query(() => AssistedConversionsReportDto, { description: "GA's classic report: conversions each group closed (last touch) and assisted (any earlier touch)" })
  @RequireScope('attribution:read')
  assistedConversions(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('model', MODEL) model?: string | null,
    @Args('groupBy', groupByArg(AttributionGroupBy.CHANNEL)) groupBy?: AttributionGroupBy | null,
    @Args('conversionType', CONVERSION_TYPE) conversionType?: string | null,
  ): Promise<AssistedConversionsReportDto> {
    return this.reports.assistedConversions(workspaceId, { from, to, model, groupBy, conversionType });
  }

  @Query(() => PipelineInfluenceReportDto, { description: 'Open pipeline and won revenue each group sourced (first touch) and influenced (any touch), per currency' })
  @RequireScope('attribution:read')
  pipelineInfluence(
    @CurrentWorkspace() workspaceId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('model', MODEL) model?: string | null,
    @Args('groupBy', groupByArg(AttributionGroupBy.CAMPAIGN)) groupBy?: AttributionGroupBy | null,
  ): Promise<PipelineInfluenceReportDto> {
    return this.reports.pipelineInfluence(workspaceId, { from, to, model, groupBy });
  }
}
