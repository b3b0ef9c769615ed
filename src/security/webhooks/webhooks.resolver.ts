import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentApiKey, CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { wholeNumber } from 'src/common/validation/input-rules';
import { OutgoingWebhooksService } from 'src/security/webhooks/outgoing-webhooks.service';
import { WebhookSubscriptionRow } from 'src/security/webhooks/webhook-subscriptions.repository';
import { IssuedWebhookSubscriptionDto, WebhookDeliveryDto, WebhookSubscriptionDto } from 'src/security/webhooks/webhook.dto';

const toDto = ({ id, eventType, url, apiKeyId, active, createdAt }: WebhookSubscriptionRow): WebhookSubscriptionDto => ({ id, eventType, url, apiKeyId, active, createdAt });

@Resolver(() => WebhookSubscriptionDto)
export class WebhooksResolver {
  constructor(private readonly webhooks: OutgoingWebhooksService) {}

  @Query(() => [WebhookSubscriptionDto])
  @RequireScope('admin')
  async webhookSubscriptions(@CurrentWorkspace() workspaceId: string): Promise<WebhookSubscriptionDto[]> {
    return (await this.webhooks.list(workspaceId)).map(toDto);
  }

  @Query(() => [WebhookDeliveryDto], { description: 'Newest first; status failed lists deliveries that ran out of retries' })
  @RequireScope('admin')
  webhookDeliveries(
    @CurrentWorkspace() workspaceId: string,
    @Args('status', { type: () => String, nullable: true }) status?: string | null,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number | null,
  ): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(workspaceId, status ?? null, wholeNumber(limit ?? 100, 'limit', 1, 1000));
  }

  @Mutation(() => IssuedWebhookSubscriptionDto, { description: "Subscribes a URL to an event for the calling key's workspace" })
  @RequireScope('admin')
  async subscribeWebhook(
    @CurrentApiKey() principal: ApiKeyPrincipal,
    @Args('eventType') eventType: string,
    @Args('url') url: string,
  ): Promise<IssuedWebhookSubscriptionDto> {
    const { subscription, secret } = await this.webhooks.subscribe(principal.workspaceId, principal.apiKeyId, eventType, url);
    return { subscription: toDto(subscription), secret };
  }

  @Mutation(() => WebhookDeliveryDto, { description: 'Sends a failed delivery again with a fresh set of retries, while its subscription and key are still active' })
  @RequireScope('admin')
  resendWebhookDelivery(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.resend(workspaceId, id);
  }

  @Mutation(() => WebhookSubscriptionDto, { description: 'Pauses (active: false) or resumes a subscription: paused, it is sent nothing and its retries stop, its secret and deliveries kept' })
  @RequireScope('admin')
  async setWebhookSubscriptionActive(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string, @Args('active') active: boolean): Promise<WebhookSubscriptionDto> {
    return toDto(await this.webhooks.setActive(workspaceId, id, active));
  }

  @Mutation(() => Boolean)
  @RequireScope('admin')
  unsubscribeWebhook(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.webhooks.unsubscribe(workspaceId, id);
  }
}
