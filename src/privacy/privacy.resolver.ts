import { Args, Field, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import type { ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentApiKey, CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { PrivacyService } from 'src/privacy/privacy.service';

@InputType()
class DataSubjectInput {
  @Field(() => String, { nullable: true, description: 'A tf_vid; visitors merged with it are included' }) visitorId?: string | null;
  @Field(() => String, { nullable: true, description: 'A Twenty person id' }) personId?: string | null;
  @Field(() => String, { nullable: true, description: 'An address the visitor identified with' }) email?: string | null;
  @Field(() => String, { nullable: true, description: "The site's own user id the visitor identified with (identify({externalId}))" }) externalId?: string | null;
}

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Query(() => GraphQLJSON, { description: 'Everything held about one person (give exactly one identifier), as JSON' })
  @RequireScope('privacy:read')
  exportVisitorData(@CurrentWorkspace() workspaceId: string, @Args('subject') subject: DataSubjectInput): Promise<Record<string, unknown>> {
    return this.privacy.exportData(workspaceId, subject);
  }

  @Mutation(() => GraphQLJSON, { description: "Deletes a person's visitors, sessions, events, clicks and conversions and clears their trackflow fields in Twenty; counts stay" })
  @RequireScope('privacy:write')
  eraseVisitorData(@CurrentApiKey() principal: ApiKeyPrincipal, @Args('subject') subject: DataSubjectInput): Promise<Record<string, unknown>> {
    return this.privacy.erase(principal.workspaceId, principal.apiKeyId, subject);
  }
}
