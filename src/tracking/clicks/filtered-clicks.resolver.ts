import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { CampaignDto } from 'src/links/dto/campaign.dto';
import { TrackedLinkDto } from 'src/links/dto/tracked-link.dto';
import { FILTERED_CLICKS_EXPLANATION, FilteredClicksDto } from 'src/tracking/clicks/filtered-clicks.dto';
import { FilteredClicksRepository } from 'src/tracking/clicks/filtered-clicks.repository';

@Resolver(() => TrackedLinkDto)
export class LinkFilteredClicksResolver {
  constructor(private readonly filtered: FilteredClicksRepository) {}

  @ResolveField(() => FilteredClicksDto, { description: FILTERED_CLICKS_EXPLANATION })
  filteredClicks(@CurrentWorkspace() workspaceId: string, @Parent() link: TrackedLinkDto): Promise<FilteredClicksDto> {
    return this.filtered.of(workspaceId, { column: 'tracked_link_id', id: link.id });
  }
}

@Resolver(() => CampaignDto)
export class CampaignFilteredClicksResolver {
  constructor(private readonly filtered: FilteredClicksRepository) {}

  @ResolveField(() => FilteredClicksDto, { description: FILTERED_CLICKS_EXPLANATION })
  filteredClicks(@CurrentWorkspace() workspaceId: string, @Parent() campaign: CampaignDto): Promise<FilteredClicksDto> {
    return this.filtered.of(workspaceId, { column: 'campaign_id', id: campaign.id });
  }
}
