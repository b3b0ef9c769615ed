import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('DealStageChange', { description: "A move of a Twenty opportunity from one stage to another, as Twenty reported it" })
export class DealStageChangeDto {
  @Field(() => String, { nullable: true, description: 'Null when the deal was created in this stage' }) fromStage!: string | null;
  @Field() toStage!: string;
  @Field() changedAt!: Date;
  @Field(() => String, { nullable: true, description: "Twenty workspace member id of whoever moved it; null for API keys, workflows and reconciliation" })
  changedBy!: string | null;
}

@ObjectType('LeadStatusChange', { description: "A change of a Twenty person's lead status, with the campaign that brought them as known then" })
export class LeadStatusChangeDto {
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field() toStatus!: string;
  @Field() changedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Twenty workspace member id' }) changedBy!: string | null;
  @Field(() => String, { nullable: true }) sourceCampaign!: string | null;
  @Field(() => String, { nullable: true }) sourceMedium!: string | null;
}

@ObjectType('DealLink', { description: "A tracked link that touched a deal's journey, and how" })
export class DealLinkDto {
  @Field(() => ID) trackedLinkId!: string;
  @Field() shortCode!: string;
  @Field(() => String, { nullable: true }) campaignName!: string | null;
  @Field({ description: 'first_touch, last_touch, assist or manual' }) associationType!: string;
  @Field(() => Float, { nullable: true, description: "The link's share of the credit under the default model, 0 to 1" }) attributionWeight!: number | null;
}
