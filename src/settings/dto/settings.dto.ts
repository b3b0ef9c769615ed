import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('InternalIpRange')
export class InternalIpRangeDto {
  @Field() ipRange!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType('Settings')
export class SettingsDto {
  @Field() enableTracking!: boolean;
  @Field() autoGenerateShortCodes!: boolean;
  @Field(() => Int) shortCodeLength!: number;
  @Field(() => String, { nullable: true }) defaultShortlinkDomain!: string | null;
  @Field() excludeInternalTraffic!: boolean;
  @Field(() => [InternalIpRangeDto]) internalIpRanges!: InternalIpRangeDto[];
  @Field(() => Int) cookieExpiresDays!: number;
  @Field() anonymizeIpAddresses!: boolean;
  @Field() defaultAttributionModel!: string;
  @Field(() => Int) attributionWindowDays!: number;
}

@InputType()
export class InternalIpRangeInput {
  @Field() ipRange!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateSettingsInput {
  @Field({ nullable: true }) enableTracking?: boolean;
  @Field(() => Int, { nullable: true }) shortCodeLength?: number;
  @Field(() => String, { nullable: true }) defaultShortlinkDomain?: string | null;
  @Field({ nullable: true }) excludeInternalTraffic?: boolean;
  @Field(() => [InternalIpRangeInput], { nullable: true, description: 'Replaces the whole list when given' }) internalIpRanges?: InternalIpRangeInput[];
  @Field(() => Int, { nullable: true }) cookieExpiresDays?: number;
  @Field({ nullable: true }) anonymizeIpAddresses?: boolean;
  @Field(() => Int, { nullable: true }) attributionWindowDays?: number;
}
