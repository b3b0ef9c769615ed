import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CampaignConversionDto } from 'src/analytics/campaigns/campaign-conversions.dto';
import { CampaignConversionsService } from 'src/analytics/campaigns/campaign-conversions.service';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';

@Resolver()
export class CampaignConversionsResolver {
  constructor(private readonly conversions: CampaignConversionsService) {}

  @Query(() => [CampaignConversionDto], { description: "A campaign's credited conversions, newest first, as of the last rollup (the same rows its conversion count comes from)" })
  @RequireScope('analytics:read')
  campaignConversions(
    @CurrentWorkspace() workspaceId: string,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
  ): Promise<CampaignConversionDto[]> {
    return this.conversions.list(workspaceId, campaignId, limit);
  }
}
