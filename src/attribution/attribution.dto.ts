import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConversionDto } from 'src/attribution/conversions/conversion.dto';
import { AttributionModelDto } from 'src/attribution/models/attribution-model.dto';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

@ObjectType('DealAttribution')
class DealAttributionDto {
  @Field(() => Int) touchpointIndex!: number;
  @Field({ description: 'click, qr_scan or visit' }) touchpointType!: string;
  @Field() touchpointTimestamp!: Date;
  @Field(() => String, { nullable: true }) touchpointSource!: string | null;
  @Field(() => String, { nullable: true }) touchpointMedium!: string | null;
  @Field(() => String, { nullable: true }) touchpointCampaign!: string | null;
  @Field(() => String, { nullable: true }) touchpointContent!: string | null;
  @Field(() => String, { nullable: true }) touchpointTerm!: string | null;
  @Field(() => ID, { nullable: true }) trackedLinkId!: string | null;
  @Field(() => ID, { nullable: true }) clickEventId!: string | null;
  @Field() channel!: string;
  @Field(() => Float) attributionWeight!: number;
  @Field(() => MoneyScalar) attributedValue!: bigint;
  @Field({ description: 'first, middle, last or only' }) positionInJourney!: string;
  @Field(() => Int) daysToConversion!: number;
}

@ObjectType('ModelAttribution')
export class ModelAttributionDto {
  @Field(() => AttributionModelDto) model!: AttributionModelDto;
  @Field({ description: 'False when no touch fell inside the window: the conversion is not credited to marketing' }) marketingInfluenced!: boolean;
  @Field(() => String, { nullable: true, description: 'Why linear weights replaced the model\'s own: ALL_RULE_WEIGHTS_ZERO or NO_FITTED_CREDIT' }) fallback!: string | null;
  @Field(() => Int) touchesBeforeWindow!: number;
  @Field(() => Int) touchesAfterConversion!: number;
  @Field(() => [DealAttributionDto]) rows!: DealAttributionDto[];
}

@ObjectType('ConversionAttribution')
export class ConversionAttributionDto extends ModelAttributionDto {
  @Field(() => ConversionDto) conversion!: ConversionDto;
}

@ObjectType('OpportunityAttribution')
export class OpportunityAttributionDto {
  @Field() opportunityId!: string;
  @Field(() => ConversionDto, { nullable: true, description: 'The deal conversion; null while the deal is open' }) conversion!: ConversionDto | null;
  @Field(() => MoneyScalar) value!: bigint;
  @Field() currencyCode!: string;
  @Field({ description: 'When the deal was won, or now for an open deal: touches after it are not credited' }) asOf!: Date;
  @Field(() => [ModelAttributionDto], { description: "The workspace's default model first, then every other active model" }) byModel!: ModelAttributionDto[];
}

@ObjectType('ChannelPreviewTouch')
export class ChannelPreviewTouchDto {
  @Field() at!: Date;
  @Field({ description: 'click, qr_scan or visit' }) touchpointType!: string;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) campaign!: string | null;
  @Field(() => String, { nullable: true }) referrer!: string | null;
  @Field() channel!: string;
  @Field(() => String, { nullable: true, description: 'The rule that gave the channel; null when the default grouping did' }) ruleName!: string | null;
}
