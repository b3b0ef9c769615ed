import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

export const CONVERSION_TYPES = ['lead', 'deal', 'signup', 'purchase', 'form_submission', 'goal', 'other'] as const;
export type ConversionType = (typeof CONVERSION_TYPES)[number];

@ObjectType('Conversion')
export class ConversionDto {
  @Field(() => ID) id!: string;
  @Field() conversionType!: string;
  @Field(() => String, { nullable: true }) visitorId!: string | null;
  @Field(() => String, { nullable: true, description: 'Twenty person id (leads)' }) personId!: string | null;
  @Field(() => String, { nullable: true, description: 'Twenty opportunity id (deals)' }) opportunityId!: string | null;
  @Field(() => MoneyScalar) value!: bigint;
  @Field() currencyCode!: string;
  @Field() convertedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The tracked link of the last click before the conversion (the one its credit goes to), as known when it was recorded' })
  trackedLinkId!: string | null;
  @Field(() => String, { nullable: true, description: 'utm_source of the first touch that had one' }) firstTouchSource!: string | null;
  @Field(() => String, { nullable: true }) firstTouchMedium!: string | null;
  @Field(() => String, { nullable: true }) firstTouchCampaign!: string | null;
}

@InputType()
export class RecordConversionInput {
  @Field({ description: 'lead, deal, signup, purchase, form_submission, goal or other' }) conversionType!: string;
  @Field(() => String, { nullable: true, description: 'The tf_vid of the converting visitor' }) visitorId?: string | null;
  @Field(() => String, { nullable: true }) personId?: string | null;
  @Field(() => String, { nullable: true }) opportunityId?: string | null;
  @Field(() => MoneyScalar, { nullable: true }) value?: bigint | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217, default USD' }) currencyCode?: string;
  @Field(() => Date, { nullable: true, description: 'Default: now' }) convertedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retries with the same key record one conversion' }) idempotencyKey?: string | null;
}
