import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyAmountDto } from 'src/analytics/dto/analytics.dto';
import { TIME_LAG_STAGES, TimeLagStage } from 'src/attribution/engine/reports/time-lag.util';
import { AttributionGroupBy } from 'src/attribution/reports/attribution-report.dto';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

const TimeLagStageEnum = Object.fromEntries(TIME_LAG_STAGES.map((stage) => [stage, stage])) as Record<TimeLagStage, TimeLagStage>;
registerEnumType(TimeLagStageEnum, {
  name: 'TimeLagStage',
  description: 'FIRST_TOUCH_TO_LEAD: first touch to the lead conversion; LEAD_TO_OPPORTUNITY: the contact\'s lead to the opportunity opening (its first stage-history row); OPPORTUNITY_TO_WON',
});

@ObjectType({ isAbstract: true })
abstract class JourneyReportHeaderDto {
  @Field(() => ID, { nullable: true, description: 'Null when the model was named by type and has no record' }) modelId!: string | null;
  @Field({ description: 'The model whose channel rules and lookback window shaped the journeys' }) modelName!: string;
  @Field() modelType!: string;
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => AttributionGroupBy) groupBy!: AttributionGroupBy;
}

@ObjectType('ConversionPath')
class ConversionPathDto {
  @Field({ description: 'The groups of the journey\'s touches, oldest first, joined by " > " as ChannelAttribution writes them' }) path!: string;
  @Field(() => Int) touches!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => [MoneyAmountDto], { description: 'Per currency, never added across currencies' }) value!: MoneyAmountDto[];
  @Field(() => Float, { description: 'Median days from the first touch to the conversion' }) medianDaysToConvert!: number;
}

@ObjectType('PathLength')
class PathLengthDto {
  @Field(() => Int) touches!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => Float, { description: 'Of the converting journeys with touches' }) share!: number;
}

@ObjectType('ConversionPathsReport')
export class ConversionPathsReportDto extends JourneyReportHeaderDto {
  @Field(() => Int, { description: 'Conversions in the period (of the asked type)' }) conversions!: number;
  @Field(() => Int, { description: 'Of them, those with at least one touch in their lookback window: the journeys counted below' }) conversionsWithTouches!: number;
  @Field(() => Int) distinctPaths!: number;
  @Field(() => [ConversionPathDto], { description: 'The top paths, most conversions first' }) paths!: ConversionPathDto[];
  @Field(() => [PathLengthDto], { description: 'Touches per converting journey, over every path' }) pathLengths!: PathLengthDto[];
}

@ObjectType('DistributionBucket')
class DistributionBucketDto {
  @Field() label!: string;
  @Field(() => Int) min!: number;
  @Field(() => Int, { nullable: true, description: 'Null for the open last bucket' }) max!: number | null;
  @Field(() => Int) count!: number;
}

@ObjectType('Distribution')
class DistributionDto {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true, description: 'Quantiles interpolate between the closest ranks (type 7, as R and NumPy); null when empty' }) median!: number | null;
  @Field(() => Float, { nullable: true }) p25!: number | null;
  @Field(() => Float, { nullable: true }) p75!: number | null;
  @Field(() => [DistributionBucketDto], { description: '0, 1, 2–3, 4–7, 8–14, 15–30, 31+ (whole days, or touches)' }) buckets!: DistributionBucketDto[];
}

@ObjectType('LagFigures')
class LagFiguresDto {
  @Field(() => Int) journeys!: number;
  @Field(() => DistributionDto) days!: DistributionDto;
  @Field(() => DistributionDto, { description: 'Touches in the stage: first touch to lead both included; after the start milestone up to the end one otherwise' }) touches!: DistributionDto;
}

@ObjectType('LagGroup')
class LagGroupDto extends LagFiguresDto {
  @Field({ description: 'The group of the journey\'s first touch; "(no touch)" for a deal without any' }) key!: string;
}

@ObjectType('TimeLagStageReport')
class TimeLagStageDto {
  @Field(() => TimeLagStageEnum) stage!: TimeLagStage;
  @Field(() => LagFiguresDto) overall!: LagFiguresDto;
  @Field(() => [LagGroupDto], { description: 'Most journeys first' }) groups!: LagGroupDto[];
  @Field(() => Int, { description: 'Journeys whose end milestone came before their start (a lead made after the deal opened), left out' }) outOfOrder!: number;
}

@ObjectType('TimeLagReport')
export class TimeLagReportDto extends JourneyReportHeaderDto {
  @Field(() => [TimeLagStageDto], { description: 'Each stage counted in the period its end milestone falls in' }) stages!: TimeLagStageDto[];
}

@ObjectType('AssistedConversionsRow')
class AssistedConversionsRowDto {
  @Field() key!: string;
  @Field(() => Int, { description: 'Conversions whose last touch was this group' }) lastTouchConversions!: number;
  @Field(() => [MoneyAmountDto]) lastTouchValue!: MoneyAmountDto[];
  @Field(() => Int, { description: 'Conversions this group touched before the last touch (once per conversion)' }) assistedConversions!: number;
  @Field(() => [MoneyAmountDto]) assistedValue!: MoneyAmountDto[];
  @Field(() => Float, { nullable: true, description: 'Assisted / last touch: above 1 the group mostly assists, below 1 it mostly closes; null when it closed none' })
  assistedToLastRatio!: number | null;
}

@ObjectType('AssistedConversionsReport')
export class AssistedConversionsReportDto extends JourneyReportHeaderDto {
  @Field(() => Int) conversions!: number;
  @Field(() => Int) conversionsWithTouches!: number;
  @Field(() => [AssistedConversionsRowDto], { description: 'Most assists first' }) rows!: AssistedConversionsRowDto[];
}

@ObjectType('DealsAndAmount')
class DealsAndAmountDto {
  @Field(() => Int) deals!: number;
  @Field(() => MoneyScalar) amount!: bigint;
}

@ObjectType('PipelineInfluenceRow')
class PipelineInfluenceRowDto {
  @Field() key!: string;
  @Field() currencyCode!: string;
  @Field(() => DealsAndAmountDto, { description: 'Open deals whose first touch was this group' }) sourcedPipeline!: DealsAndAmountDto;
  @Field(() => DealsAndAmountDto, { description: 'Open deals this group touched at all, sourced ones included' }) influencedPipeline!: DealsAndAmountDto;
  @Field(() => DealsAndAmountDto, { description: 'Deals won in the period whose first touch was this group' }) sourcedRevenue!: DealsAndAmountDto;
  @Field(() => DealsAndAmountDto) influencedRevenue!: DealsAndAmountDto;
}

@ObjectType('PipelineTotals')
class PipelineTotalsDto {
  @Field() currencyCode!: string;
  @Field(() => DealsAndAmountDto, { description: 'Every open deal of the report, touched or not' }) pipeline!: DealsAndAmountDto;
  @Field(() => DealsAndAmountDto) revenue!: DealsAndAmountDto;
}

@ObjectType('PipelineInfluenceReport')
export class PipelineInfluenceReportDto extends JourneyReportHeaderDto {
  @Field(() => [PipelineInfluenceRowDto], { description: 'One row per group and currency, by currency then most influenced pipeline' }) rows!: PipelineInfluenceRowDto[];
  @Field(() => [PipelineTotalsDto]) totals!: PipelineTotalsDto[];
}
