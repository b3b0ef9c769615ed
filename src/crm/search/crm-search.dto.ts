import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

@ObjectType('PersonFound', { description: 'A Twenty person TrackFlow knows, found by name, exact email or id' })
export class PersonFoundDto {
  @Field(() => ID, { description: "Twenty's person id" }) personId!: string;
  @Field(() => String, { nullable: true, description: 'First and last name as Twenty last sent them' }) displayName!: string | null;
  @Field(() => String, { nullable: true }) companyId!: string | null;
  @Field(() => String, { nullable: true }) leadStatus!: string | null;
  @Field(() => Int, { description: 'Conversions recorded for the person' }) conversions!: number;
  @Field(() => Date, { nullable: true, description: 'When any of their visitors was last seen' }) lastSeen!: Date | null;
}

@ObjectType('DealFound', { description: 'A Twenty opportunity TrackFlow knows, found by its name, its contact\'s name or exact email, or its id' })
export class DealFoundDto {
  @Field(() => ID, { description: "Twenty's opportunity id" }) opportunityId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) stage!: string | null;
  @Field(() => MoneyScalar, { nullable: true, name: 'amount' }) amountMicros!: bigint | null;
  @Field() currencyCode!: string;
  @Field(() => Date, { nullable: true }) wonAt!: Date | null;
  @Field(() => String, { nullable: true, description: "The point of contact's Twenty person id" }) contactId!: string | null;
  @Field(() => String, { nullable: true }) contactName!: string | null;
}
