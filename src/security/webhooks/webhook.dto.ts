import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('WebhookSubscription')
export class WebhookSubscriptionDto {
  @Field(() => ID) id!: string;
  @Field({ description: 'link.clicked (batched), lead.attributed, deal.attributed, conversion.created or campaign.updated' }) eventType!: string;
  @Field() url!: string;
  @Field(() => ID, { description: 'The key it belongs to: revoking the key stops its webhooks' }) apiKeyId!: string;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

@ObjectType('IssuedWebhookSubscription')
export class IssuedWebhookSubscriptionDto {
  @Field(() => WebhookSubscriptionDto) subscription!: WebhookSubscriptionDto;
  @Field({ description: 'Signing secret, shown this once: X-TrackFlow-Signature is hex HMAC-SHA256 of "<X-TrackFlow-Timestamp>:<body>"' }) secret!: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) subscriptionId!: string;
  @Field() eventType!: string;
  @Field({ description: 'pending (being retried), delivered or failed (no more retries)' }) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}
