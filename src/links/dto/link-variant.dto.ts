import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LinkVariant')
export class LinkVariantDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) trackedLinkId!: string;
  @Field() variantName!: string;
  @Field() destinationUrl!: string;
  @Field(() => Int) weight!: number;
  @Field() active!: boolean;
  @Field(() => Int) clicks!: number;
  @Field(() => Int) conversions!: number;
}

@InputType()
export class CreateLinkVariantInput {
  @Field(() => ID) trackedLinkId!: string;
  @Field() variantName!: string;
  @Field() destinationUrl!: string;
  @Field(() => Int, { nullable: true, description: 'Relative weight, default 1; 0 keeps the variant but sends no traffic' }) weight?: number;
  @Field({ nullable: true }) active?: boolean;
}

@InputType()
export class UpdateLinkVariantInput {
  @Field(() => String, { nullable: true }) variantName?: string;
  @Field(() => String, { nullable: true }) destinationUrl?: string;
  @Field(() => Int, { nullable: true }) weight?: number;
  @Field({ nullable: true }) active?: boolean;
}
