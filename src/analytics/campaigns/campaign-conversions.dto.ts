import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

@ObjectType('CampaignConversion', { description: 'A conversion credited to a campaign (its last click before converting was on one of its links), with the Twenty person and deal behind it' })
export class CampaignConversionDto {
  @Field(() => ID) conversionId!: string;
  @Field() conversionType!: string;
  @Field() convertedAt!: Date;
  @Field(() => MoneyScalar, { name: 'value' }) valueMicros!: bigint;
  @Field() currencyCode!: string;
  @Field(() => String, { nullable: true, description: 'The short code of the credited link' }) shortCode!: string | null;
  @Field(() => String, { nullable: true, description: "Twenty's person id" }) personId!: string | null;
  @Field(() => String, { nullable: true }) personName!: string | null;
  @Field(() => String, { nullable: true, description: "Twenty's opportunity id, for a deal" }) opportunityId!: string | null;
  @Field(() => String, { nullable: true }) dealName!: string | null;
}
