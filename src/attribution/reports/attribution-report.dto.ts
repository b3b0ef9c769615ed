import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

export enum AttributionGroupBy {
  CHANNEL = 'CHANNEL',
  SOURCE = 'SOURCE',
  CAMPAIGN = 'CAMPAIGN',
  LINK = 'LINK',
}
registerEnumType(AttributionGroupBy, { name: 'AttributionGroupBy' });

@ObjectType('AttributionReportRow')
export class AttributionReportRowDto {
  @Field({ description: 'Channel name, utm source or campaign, or tracked link id; "(none)" when the touch had none' }) key!: string;
  @Field({ description: 'What to show: the key, or the short code of a link' }) label!: string;
  @Field() currencyCode!: string;
  @Field(() => Float, { description: 'Credited conversions: the sum of this group\'s weights' }) conversions!: number;
  @Field(() => MoneyScalar, { description: 'Credited value; the groups of one currency add up exactly to its conversions\' value' }) value!: bigint;
  @Field(() => Int) touches!: number;
}

@ObjectType('AttributionReport')
export class AttributionReportDto {
  @Field(() => ID, { nullable: true, description: 'Null when the model was named by type and has no record' }) modelId!: string | null;
  @Field() modelName!: string;
  @Field() modelType!: string;
  @Field() from!: Date;
  @Field() to!: Date;
  @Field(() => AttributionGroupBy) groupBy!: AttributionGroupBy;
  @Field(() => Int, { description: 'Conversions in the period' }) conversions!: number;
  @Field(() => Int, { description: 'Conversions with at least one touch in their window' }) marketingInfluencedConversions!: number;
  @Field(() => Int, { description: 'Conversions where the model fell back to linear weights (no rule weight or fitted credit applied)' }) fallbacks!: number;
  @Field(() => [AttributionReportRowDto], { description: 'Largest credit first' }) rows!: AttributionReportRowDto[];
}

@ObjectType('ModelCredit')
class ModelCreditDto {
  @Field(() => ID, { nullable: true }) modelId!: string | null;
  @Field() modelName!: string;
  @Field(() => Float) conversions!: number;
  @Field(() => MoneyScalar) value!: bigint;
}

@ObjectType('AttributionComparisonRow')
class AttributionComparisonRowDto {
  @Field() key!: string;
  @Field() label!: string;
  @Field() currencyCode!: string;
  @Field(() => [ModelCreditDto], { description: 'One entry per compared model, in the order asked' }) byModel!: ModelCreditDto[];
  @Field(() => Float, { description: 'Largest minus smallest credited conversions across the models: how much the choice of model matters here' }) spread!: number;
}

@ObjectType('AttributionModelComparison')
export class AttributionModelComparisonDto {
  @Field(() => [AttributionReportDto]) reports!: AttributionReportDto[];
  @Field(() => [AttributionComparisonRowDto], { description: 'Largest spread first' }) rows!: AttributionComparisonRowDto[];
}
