import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { ConversionDto } from 'src/attribution/conversions/conversion.dto';

@ObjectType('VisitorEvent')
export class VisitorEventDto {
  @Field(() => ID) id!: string;
  @Field() eventType!: string;
  @Field(() => String, { nullable: true }) eventName!: string | null;
  @Field() timestamp!: Date;
  @Field(() => String, { nullable: true }) pageUrl!: string | null;
  @Field(() => String, { nullable: true }) path!: string | null;
  @Field(() => String, { nullable: true }) referrer!: string | null;
  @Field(() => Float, { nullable: true }) scrollPct!: number | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Event properties, plus utm and adClickIds of a campaign landing' }) properties!: unknown;
  sessionId!: string | null;
}

@ObjectType('VisitorClick')
export class VisitorClickDto {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) trackedLinkId!: string | null;
  @Field() shortCode!: string;
  @Field() clickTimestamp!: Date;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) campaign!: string | null;
  @Field(() => String, { nullable: true }) referrer!: string | null;
  @Field() isQr!: boolean;
  @Field() isBot!: boolean;
}

@ObjectType('VisitorSession')
export class VisitorSessionDto {
  @Field(() => ID) id!: string;
  @Field() sessionStart!: Date;
  @Field() sessionEnd!: Date;
  @Field(() => Int) pageViews!: number;
  @Field(() => Int) clickCount!: number;
  @Field(() => String, { nullable: true }) entryPage!: string | null;
  @Field(() => String, { nullable: true }) exitPage!: string | null;
  @Field(() => Int) durationSeconds!: number;
  @Field() isBounce!: boolean;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) campaign!: string | null;
  @Field(() => String, { nullable: true }) referrer!: string | null;
  @Field(() => Float, { nullable: true }) scrollPct!: number | null;
  @Field(() => String, { nullable: true }) deviceType!: string | null;
  @Field(() => String, { nullable: true }) browser!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, from the address the session began from' }) country!: string | null;
  @Field(() => [VisitorEventDto], { description: 'Oldest first' }) events!: VisitorEventDto[];
}

@ObjectType('Visitor')
export class VisitorDto {
  @Field(() => ID) visitorId!: string;
  @Field() firstSeen!: Date;
  @Field() lastSeen!: Date;
  @Field(() => Int) pageViews!: number;
  @Field(() => Int) clickCount!: number;
  @Field(() => String, { nullable: true, description: 'First touch' }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true }) campaign!: string | null;
  @Field(() => String, { nullable: true, description: 'Last touch' }) lastSource!: string | null;
  @Field(() => String, { nullable: true }) lastMedium!: string | null;
  @Field(() => String, { nullable: true }) lastCampaign!: string | null;
  @Field(() => String, { nullable: true }) referrer!: string | null;
  @Field(() => String, { nullable: true }) deviceType!: string | null;
  @Field(() => String, { nullable: true }) browser!: string | null;
  @Field(() => String, { nullable: true }) os!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, from the latest address that had one' }) country!: string | null;
  @Field() isBot!: boolean;
  @Field() hasConverted!: boolean;
  @Field(() => Float) engagementScore!: number;
  @Field(() => String, { nullable: true, description: 'The Twenty person this visitor became' }) personId!: string | null;
  @Field(() => String, { nullable: true, description: "The site's own user id, from identify({externalId})" }) externalId!: string | null;
  @Field(() => [String], { description: 'Visitor ids merged into this one (other devices of the same person)' }) mergedVisitorIds!: string[];
  @Field(() => [VisitorSessionDto], { description: 'The journey, oldest session first' }) sessions!: VisitorSessionDto[];
  @Field(() => [VisitorClickDto], { description: 'Tracked-link clicks, oldest first' }) clicks!: VisitorClickDto[];
}

@ObjectType('PersonJourney')
export class PersonJourneyDto {
  @Field() personId!: string;
  @Field(() => [VisitorDto], { description: 'The visitors who became this person (one per device), first seen first' }) visitors!: VisitorDto[];
  @Field(() => [ConversionDto], { description: "The person's conversions, also those recorded under one of their visitors; oldest first" }) conversions!: ConversionDto[];
}

@InputType()
export class VisitorFilterInput {
  @Field(() => Date, { nullable: true, description: 'Seen at or after' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Seen before' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'First-touch utm source' }) source?: string | null;
  @Field(() => String, { nullable: true, description: 'First-touch utm campaign' }) campaign?: string | null;
  @Field(() => Boolean, { nullable: true }) hasConverted?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Bots are left out unless true' }) includeBots?: boolean | null;
  @Field(() => Int, { nullable: true, description: '1 to 500, default 50' }) limit?: number | null;
  @Field(() => Int, { nullable: true }) offset?: number | null;
}
