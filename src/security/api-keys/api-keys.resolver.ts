import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { ApiKeyAdminService } from 'src/security/api-keys/api-key-admin.service';
import { ApiKeyDto, CreateApiKeyInput, IpRangeInput, IssuedApiKeyDto, RotateApiKeyInput } from 'src/security/api-keys/api-key.dto';

@Resolver(() => ApiKeyDto)
export class ApiKeysResolver {
  constructor(private readonly admin: ApiKeyAdminService) {}

  @Query(() => [ApiKeyDto], { description: 'Prefix and last four characters only; the secret is never shown again' })
  @RequireScope('admin')
  apiKeys(@CurrentWorkspace() workspaceId: string): Promise<ApiKeyDto[]> {
    return this.admin.list(workspaceId);
  }

  @Mutation(() => IssuedApiKeyDto)
  @RequireScope('admin')
  createApiKey(@CurrentWorkspace() workspaceId: string, @Args('input') input: CreateApiKeyInput): Promise<IssuedApiKeyDto> {
    return this.admin.create(workspaceId, input);
  }

  @Mutation(() => IssuedApiKeyDto, { description: 'A new secret for the key; the old one keeps working for graceSeconds' })
  @RequireScope('admin')
  rotateApiKey(@CurrentWorkspace() workspaceId: string, @Args('input') input: RotateApiKeyInput): Promise<IssuedApiKeyDto> {
    return this.admin.rotate(workspaceId, input);
  }

  @Mutation(() => ApiKeyDto)
  @RequireScope('admin')
  revokeApiKey(@CurrentWorkspace() workspaceId: string, @Args('id', { type: () => ID }) id: string): Promise<ApiKeyDto> {
    return this.admin.revoke(workspaceId, id);
  }

  @Mutation(() => ApiKeyDto, { description: 'Sets (or with null removes) the moment the key stops working' })
  @RequireScope('admin')
  setApiKeyExpiry(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('expiresAt', { type: () => Date, nullable: true }) expiresAt: Date | null,
  ): Promise<ApiKeyDto> {
    return this.admin.setExpiry(workspaceId, id, expiresAt);
  }

  @Mutation(() => ApiKeyDto, { description: 'Replaces the addresses the key may be used from; an empty list allows any' })
  @RequireScope('admin')
  setApiKeyIpAllowList(
    @CurrentWorkspace() workspaceId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('ranges', { type: () => [IpRangeInput] }) ranges: IpRangeInput[],
  ): Promise<ApiKeyDto> {
    return this.admin.setIpAllowList(workspaceId, id, ranges);
  }
}
