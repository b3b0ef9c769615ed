import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyAmountDto } from 'src/analytics/dto/analytics.dto';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

export enum AdLevelEnum {
  CAMPAIGN = 'CAMPAIGN',
  ADSET = 'ADSET',
  AD = 'AD',
}
registerEnumType(AdLevelEnum, { name: 'AdLevel', description: 'Group ad performance by platform campaign, adset or ad' });

@ObjectType('AdSpendBadRow')
class AdSpendBadRowDto {
  @Field(() => Int, { description: '1-based line of the file, the header being line 1' }) line!: number;
  @Field() reason!: string;
}

@ObjectType('AdSpendImport')
export class AdSpendImportDto {
  @Field() platform!: string;
  @Field(() => Int, { description: 'Data rows read (blank lines aside)' }) rowsRead!: number;
  @Field(() => Int) imported!: number;
  @Field(() => Int, { description: 'Days of this platform replaced by the file\'s rows' }) daysReplaced!: number;
  @Field(() => Int, { description: 'Rows those days held before' }) replacedRows!: number;
  @Field(() => String, { nullable: true }) firstDate!: string | null;
  @Field(() => String, { nullable: true }) lastDate!: string | null;
  @Field(() => [MoneyAmountDto]) spendByCurrency!: MoneyAmountDto[];
  @Field(() => [AdSpendBadRowDto], { description: 'Rows left out, with why' }) badRows!: AdSpendBadRowDto[];
}

@ObjectType('AdPerformance')
export class AdPerformanceDto {
  @Field() campaignId!: string;
  @Field(() => String, { nullable: true }) adsetId!: string | null;
  @Field(() => String, { nullable: true }) adId!: string | null;
  @Field(() => String, { nullable: true, description: 'From the ads dimension' }) name!: string | null;
  @Field(() => String, { nullable: true }) currencyCode!: string | null;
  @Field(() => MoneyScalar) spend!: bigint;
  @Field(() => Int) impressions!: number;
  @Field(() => Int, { description: 'Clicks the platform reported' }) adClicks!: number;
  @Field(() => Int, { description: 'Human sessions that landed with these utm ids' }) sessions!: number;
  @Field(() => Int) visitors!: number;
  @Field(() => Int, { description: 'Tracked-link clicks in those sessions' }) trackedClicks!: number;
  @Field(() => Int, { description: 'Conversions whose latest landing with utm ids (within the attribution window) was this one' }) conversions!: number;
  @Field(() => MoneyScalar) revenue!: bigint;
  @Field(() => MoneyScalar, { nullable: true }) costPerAcquisition!: bigint | null;
  @Field(() => Float, { nullable: true }) roiPercentage!: number | null;
}
