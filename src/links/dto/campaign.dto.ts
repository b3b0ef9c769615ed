import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';
import { CampaignStatus, CampaignType } from 'src/links/dto/link-enums';

/** Metric fields the campaign refresh job keeps (ANALYTICS_CAMPAIGN_REFRESH_CRON); campaignStats answers for any period, live. */
const LIFETIME = (what: string) => `${what}, over the campaign's lifetime as of the last metric refresh; null when there is no figure`;

@ObjectType('Campaign')
export class CampaignDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) externalCampaignId!: string | null;
  @Field(() => CampaignType) campaignType!: CampaignType;
  @Field(() => CampaignStatus) status!: CampaignStatus;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) startDate!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) endDate!: string | null;
  @Field(() => String, { nullable: true }) ownerUser!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => MoneyScalar, { nullable: true }) budget!: bigint | null;
  @Field() currencyCode!: string;
  @Field(() => Float, { nullable: true }) expectedRoi!: number | null;
  @Field(() => Int) totalClicks!: number;
  @Field(() => Int) uniqueVisitors!: number;
  @Field(() => Int) conversions!: number;
  @Field(() => MoneyScalar) revenue!: bigint;
  @Field(() => Float, { nullable: true, description: LIFETIME('conversions / uniqueVisitors, in percent') }) conversionRate!: number | null;
  @Field(() => MoneyScalar, { nullable: true, description: LIFETIME('Imported ad spend when the campaign has any, else its budget') }) cost!: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: LIFETIME('cost / clicks') }) costPerClick!: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: LIFETIME('cost / conversions') }) costPerAcquisition!: bigint | null;
  @Field(() => Float, { nullable: true, description: LIFETIME('(revenue − cost) / cost, in percent') }) roiPercentage!: number | null;
  @Field(() => Date, { nullable: true }) lastClick!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@InputType()
export class CreateCampaignInput {
  @Field() name!: string;
  @Field(() => CampaignType, { nullable: true }) campaignType?: CampaignType;
  @Field(() => CampaignStatus, { nullable: true }) status?: CampaignStatus;
  @Field(() => String, { nullable: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) medium?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) budget?: bigint | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code, default USD' }) currencyCode?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'The ad platform campaign id, joins imported ad spend' }) externalCampaignId?: string | null;
  @Field(() => String, { nullable: true }) ownerUser?: string | null;
  @Field(() => Float, { nullable: true }) expectedRoi?: number | null;
}

@InputType()
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => CampaignType, { nullable: true }) campaignType?: CampaignType;
  @Field(() => CampaignStatus, { nullable: true }) status?: CampaignStatus;
  @Field(() => String, { nullable: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) medium?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) budget?: bigint | null;
  @Field(() => String, { nullable: true }) currencyCode?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) externalCampaignId?: string | null;
  @Field(() => String, { nullable: true }) ownerUser?: string | null;
  @Field(() => Float, { nullable: true }) expectedRoi?: number | null;
}
