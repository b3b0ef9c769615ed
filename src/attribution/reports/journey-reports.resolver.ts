import { Args, ArgsType, Field, Int, Query, Resolver } from '@nestjs/graphql';
import { AttributionGroupBy } from 'src/attribution/reports/attribution-report.dto';
import { AssistedConversionsReportDto, ConversionPathsReportDto, PipelineInfluenceReportDto, TimeLagReportDto } from 'src/attribution/reports/journey-reports.dto';
import { JourneyReportQuery, JourneyReportsService } from 'src/attribution/reports/journey-reports.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';

@ArgsType()
class JourneyReportArgs implements JourneyReportQuery {
  @Field({ description: 'Start of the period, included' }) from!: Date;
  @Field({ description: 'End of the period, excluded; at most 400 days after from' }) to!: Date;
  @Field(() => String, { nullable: true, description: 'A model id or a type such as LINEAR: its channel rules and lookback window shape the journeys; the default model if omitted' })
  model?: string | null;
  @Field(() => AttributionGroupBy, { nullable: true, description: 'CHANNEL, SOURCE or CAMPAIGN; CHANNEL if omitted (CAMPAIGN for pipelineInfluence)' })
  groupBy?: AttributionGroupBy | null;
}

@ArgsType()
class ConvertingJourneyArgs extends JourneyReportArgs {
  @Field(() => String, { nullable: true, description: 'Only conversions of this type (lead, deal, …); every conversion if omitted' }) conversionType?: string | null;
}

@ArgsType()
class ConversionPathsArgs extends ConvertingJourneyArgs {
  @Field(() => Int, { nullable: true, description: 'How many paths, 1 to 200; 20 if omitted' }) top?: number | null;
}

/** Journey reports over [from, to): what only a CRM's milestones beside the touches can tell. */
@Resolver()
export class JourneyReportsResolver {
  constructor(private readonly reports: JourneyReportsService) {}

  @Query(() => ConversionPathsReportDto, { description: 'The most common sequences of touches of converting journeys, and how many touches journeys take' })
  @RequireScope('attribution:read')
  conversionPaths(@CurrentWorkspace() workspaceId: string, @Args() args: ConversionPathsArgs): Promise<ConversionPathsReportDto> {
    return this.reports.conversionPaths(workspaceId, args);
  }

  @Query(() => TimeLagReportDto, { description: 'Days and touches from first touch to lead, lead to opportunity and opportunity to won, by the group of the first touch' })
  @RequireScope('attribution:read')
  timeLag(@CurrentWorkspace() workspaceId: string, @Args() args: JourneyReportArgs): Promise<TimeLagReportDto> {
    return this.reports.timeLag(workspaceId, args);
  }

  @Query(() => AssistedConversionsReportDto, { description: "GA's classic report: conversions each group closed (last touch) and assisted (any earlier touch)" })
  @RequireScope('attribution:read')
  assistedConversions(@CurrentWorkspace() workspaceId: string, @Args() args: ConvertingJourneyArgs): Promise<AssistedConversionsReportDto> {
    return this.reports.assistedConversions(workspaceId, args);
  }

  @Query(() => PipelineInfluenceReportDto, { description: 'Open pipeline and won revenue each group sourced (first touch) and influenced (any touch), per currency' })
  @RequireScope('attribution:read')
  pipelineInfluence(@CurrentWorkspace() workspaceId: string, @Args() args: JourneyReportArgs): Promise<PipelineInfluenceReportDto> {
    return this.reports.pipelineInfluence(workspaceId, args);
  }
}
