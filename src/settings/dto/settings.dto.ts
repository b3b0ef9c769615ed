import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('InternalIpRange')
class InternalIpRangeDto {
  @Field() ipRange!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType('Settings')
export class SettingsDto {
  @Field() enableTracking!: boolean;
  @Field({ description: 'A link given no shortCode gets a random one; off, every new link must be given its own' }) autoGenerateShortCodes!: boolean;
  @Field(() => Int) shortCodeLength!: number;
  @Field(() => String, { nullable: true }) defaultShortlinkDomain!: string | null;
  @Field() excludeInternalTraffic!: boolean;
  @Field(() => [InternalIpRangeDto], { description: 'In address order, IPv4 first' }) internalIpRanges!: InternalIpRangeDto[];
  @Field(() => Int) cookieExpiresDays!: number;
  @Field() anonymizeIpAddresses!: boolean;
  @Field() defaultAttributionModel!: string;
  @Field(() => Int) attributionWindowDays!: number;
  @Field(() => [String], { description: 'Opportunity stages that mean won; reaching one records the deal Conversion' }) dealWonStages!: string[];
  @Field({ description: 'contact: a deal is attributed over its point of contact\'s journey; company: over every person of its company' }) dealJourneyScope!: string;
  @Field(() => String, { nullable: true, description: 'Person field whose changes are logged as lead status changes' }) leadStatusField!: string | null;
  @Field({ description: 'The tracker stores and sends nothing until the visitor consents' }) cookieConsentRequired!: boolean;
  @Field(() => String, { nullable: true }) cookieConsentText!: string | null;
  @Field(() => String, { nullable: true }) privacyPolicyLink!: string | null;
  @Field(() => String, { nullable: true }) cookiePolicyLink!: string | null;
  @Field() respectDoNotTrack!: boolean;
  @Field(() => Int, { description: 'Per API key and per address on each public endpoint' }) rateLimitPerHour!: number;
  @Field({ description: 'The API Request Log keeps request and response bodies, secrets redacted' }) logRequestBodies!: boolean;
  @Field(() => Int, { description: "Days clicks are kept (0: forever); the server's RETENTION_CLICK_EVENT_DAYS unless set here" }) retentionClickEventDays!: number;
  @Field(() => Int, { description: "Days tracker events are kept; RETENTION_VISITOR_EVENT_DAYS unless set here" }) retentionVisitorEventDays!: number;
  @Field(() => Int, { description: "Days sessions are kept; RETENTION_VISITOR_SESSION_DAYS unless set here" }) retentionVisitorSessionDays!: number;
  @Field(() => Int, { description: 'Days a visitor without person, conversion or activity is kept, with all its rows; RETENTION_VISITOR_DAYS unless set here' }) retentionVisitorDays!: number;
  @Field(() => Int, { description: "Days the API Request Log is kept; RETENTION_API_REQUEST_LOG_DAYS unless set here" }) retentionApiRequestLogDays!: number;
  @Field(() => Int, { description: 'Days finished webhook deliveries (outgoing, and processed ones from Twenty) are kept; RETENTION_WEBHOOK_DELIVERY_DAYS unless set here' }) retentionWebhookDeliveryDays!: number;
}

@ObjectType('SettingsChange')
export class SettingsChangeDto {
  @Field() changedAt!: Date;
  @Field() field!: string;
  @Field(() => String, { nullable: true, description: 'The API key that made the change' }) apiKeyId!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON' }) oldValue!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON' }) newValue!: string | null;
}

@InputType()
class InternalIpRangeInput {
  @Field() ipRange!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateSettingsInput {
  @Field({ nullable: true }) enableTracking?: boolean;
  @Field({ nullable: true }) autoGenerateShortCodes?: boolean;
  @Field(() => Int, { nullable: true }) shortCodeLength?: number;
  @Field(() => String, { nullable: true }) defaultShortlinkDomain?: string | null;
  @Field({ nullable: true }) excludeInternalTraffic?: boolean;
  @Field(() => [InternalIpRangeInput], { nullable: true, description: 'Replaces the whole list when given' }) internalIpRanges?: InternalIpRangeInput[];
  @Field(() => Int, { nullable: true }) cookieExpiresDays?: number;
  @Field({ nullable: true }) anonymizeIpAddresses?: boolean;
  @Field(() => Int, { nullable: true }) attributionWindowDays?: number;
  @Field(() => [String], { nullable: true }) dealWonStages?: string[];
  @Field(() => String, { nullable: true }) dealJourneyScope?: string;
  @Field(() => String, { nullable: true }) leadStatusField?: string | null;
  @Field({ nullable: true }) cookieConsentRequired?: boolean;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters, no markup' }) cookieConsentText?: string | null;
  @Field(() => String, { nullable: true, description: 'An https URL' }) privacyPolicyLink?: string | null;
  @Field(() => String, { nullable: true, description: 'An https URL' }) cookiePolicyLink?: string | null;
  @Field({ nullable: true }) respectDoNotTrack?: boolean;
  @Field(() => Int, { nullable: true }) rateLimitPerHour?: number;
  @Field({ nullable: true }) logRequestBodies?: boolean;
  @Field(() => Int, { nullable: true, description: "0 to 36500 days, 0 keeping forever; null goes back to the server's default" }) retentionClickEventDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'As retentionClickEventDays' }) retentionVisitorEventDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'As retentionClickEventDays' }) retentionVisitorSessionDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'As retentionClickEventDays' }) retentionVisitorDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'As retentionClickEventDays' }) retentionApiRequestLogDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'As retentionClickEventDays' }) retentionWebhookDeliveryDays?: number | null;
}
