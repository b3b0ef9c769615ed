import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from 'src/common/graphql/money.scalar';

export enum JourneyItemKind {
  SESSION = 'SESSION',
  CLICK = 'CLICK',
  PAGE_VIEW = 'PAGE_VIEW',
  EVENT = 'EVENT',
  CONVERSION = 'CONVERSION',
}
registerEnumType(JourneyItemKind, { name: 'JourneyItemKind' });

@ObjectType('JourneyItem')
class JourneyItemDto {
  @Field() at!: Date;
  @Field({ description: 'The instant on the wall clock of the asked time zone' }) localTime!: string;
  @Field(() => JourneyItemKind) kind!: JourneyItemKind;
  @Field(() => String, { nullable: true }) visitorId!: string | null;
  @Field(() => ID, { nullable: true }) sessionId!: string | null;
  @Field(() => String, { nullable: true, description: 'Event type and name, conversion type, or the session\'s entry page' }) title!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) campaign!: string | null;
  @Field(() => ID, { nullable: true }) trackedLinkId!: string | null;
  @Field(() => String, { nullable: true }) shortCode!: string | null;
  @Field(() => Boolean, { nullable: true }) isQr!: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Sessions: page views' }) pageViews!: number | null;
  @Field(() => Int, { nullable: true, description: 'Sessions: length in seconds' }) durationSeconds!: number | null;
  @Field(() => MoneyScalar, { nullable: true, description: 'Conversions: value' }) value!: bigint | null;
  @Field(() => String, { nullable: true }) currencyCode!: string | null;
}

@ObjectType('VisitorJourney')
export class VisitorJourneyDto {
  @Field(() => [String], { description: 'The visitor ids the journey gathers (one person may use several devices)' }) visitorIds!: string[];
  @Field(() => String, { nullable: true, description: 'The Twenty person these visitors were identified as' }) personId!: string | null;
  @Field() timeZone!: string;
  @Field(() => [JourneyItemDto], { description: 'Oldest first; bots\' and internal traffic left out' }) items!: JourneyItemDto[];
  @Field({ description: 'True when more items than limit exist in the period' }) truncated!: boolean;
}
