import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { ChannelRuleCondition } from 'src/attribution/engine/channels/channel-rule.types';

@ObjectType('ChannelRule')
export class ChannelRuleDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) attributionModelId!: string;
  @Field() name!: string;
  @Field() channelName!: string;
  @Field(() => GraphQLJSON, { description: 'All must match: [{field, op, value}], op one of equals, in, prefix, regex' }) matchConditions!: ChannelRuleCondition[];
  @Field(() => Int, { description: 'Lower numbers are tried first' }) priority!: number;
  @Field(() => Float, { description: 'Weight of the channel under the CUSTOM model' }) weight!: number;
  @Field() isActive!: boolean;
}

@ObjectType('MilestoneWeights', { description: 'A CUSTOM_MILESTONE model’s shares in percent, summing to 100' })
export class MilestoneWeightsDto {
  @Field(() => Float) firstTouch!: number;
  @Field(() => Float) leadCreated!: number;
  @Field(() => Float) opportunityCreated!: number;
  @Field(() => Float) closedWon!: number;
  @Field(() => Float, { description: 'Shared equally by the touches no milestone credits' }) spread!: number;
}

@InputType()
export class MilestoneWeightsInput {
  @Field(() => Float) firstTouch!: number;
  @Field(() => Float) leadCreated!: number;
  @Field(() => Float) opportunityCreated!: number;
  @Field(() => Float) closedWon!: number;
  @Field(() => Float) spread!: number;
}

@ObjectType('AttributionModel')
export class AttributionModelDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() modelType!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() isActive!: boolean;
  @Field() isDefault!: boolean;
  @Field(() => Float) positionBasedFirstWeight!: number;
  @Field(() => Float) positionBasedLastWeight!: number;
  @Field(() => Float) timeDecayHalfLifeDays!: number;
  @Field(() => Float, { nullable: true }) timeDecayFactor!: number | null;
  @Field(() => Int, { nullable: true, description: 'Null: the workspace attribution window' }) lookbackWindowDays!: number | null;
  @Field() ignoreDirect!: boolean;
  @Field(() => Int) markovOrder!: number;
  @Field(() => MilestoneWeightsDto, { nullable: true, description: 'CUSTOM_MILESTONE only' }) milestoneWeights!: MilestoneWeightsDto | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The stored fit of a MARKOV or SHAPLEY model: channel credits, removal effects, inputs' }) fittedModel!: unknown;
  @Field(() => Date, { nullable: true }) fittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) fitPeriodStart!: Date | null;
  @Field(() => Date, { nullable: true }) fitPeriodEnd!: Date | null;
  @Field(() => [ChannelRuleDto]) channelRules!: ChannelRuleDto[];
}

@InputType()
export class UpdateAttributionModelInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true, description: 'FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, CUSTOM, MARKOV, SHAPLEY, U_SHAPED, W_SHAPED, FULL_PATH or CUSTOM_MILESTONE' }) modelType?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) isActive?: boolean | null;
  @Field(() => Boolean, { nullable: true }) isDefault?: boolean | null;
  @Field(() => Float, { nullable: true }) positionBasedFirstWeight?: number | null;
  @Field(() => Float, { nullable: true }) positionBasedLastWeight?: number | null;
  @Field(() => Float, { nullable: true }) timeDecayHalfLifeDays?: number | null;
  @Field(() => Float, { nullable: true, description: 'Per-day decay r in (0, 1); sets the half-life to ln 2 / -ln r' }) timeDecayFactor?: number | null;
  @Field(() => Int, { nullable: true }) lookbackWindowDays?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'LAST_TOUCH: credit the last non-direct touch' }) ignoreDirect?: boolean | null;
  @Field(() => Int, { nullable: true }) markovOrder?: number | null;
  @Field(() => MilestoneWeightsInput, { nullable: true, description: 'CUSTOM_MILESTONE: percent per milestone and spread, each >= 0, summing to 100' }) milestoneWeights?: MilestoneWeightsInput | null;
}

@InputType()
export class CreateAttributionModelInput extends UpdateAttributionModelInput {
  @Field() override name: string = '';
  @Field() override modelType: string = '';
}

@InputType()
export class UpdateChannelRuleInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) channelName?: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) matchConditions?: unknown[] | null;
  @Field(() => Int, { nullable: true }) priority?: number | null;
  @Field(() => Float, { nullable: true }) weight?: number | null;
  @Field(() => Boolean, { nullable: true }) isActive?: boolean | null;
}

@InputType()
export class ChannelRuleInput extends UpdateChannelRuleInput {
  @Field(() => ID) attributionModelId!: string;
  @Field() override name: string = '';
  @Field() override channelName: string = '';
}
