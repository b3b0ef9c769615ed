import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { CampaignDto } from 'src/links/dto/campaign.dto';
import { TrackedLinkDto } from 'src/links/dto/tracked-link.dto';
import { FilteredClicksRepository } from 'src/tracking/clicks/filtered-clicks.repository';

const EXPLANATION =
  'Clicks stored but not counted in clicks, visitors or attribution: bots and crawlers by user agent (curl, wget and HTTP libraries among them), and internal traffic from the IP ranges in settings';

@ObjectType('FilteredClicks', { description: EXPLANATION })
export class FilteredClicksDto {
  @Field(() => Int, { description: 'From bots and crawlers, by user agent (curl and HTTP libraries count as bots)' }) bots!: number;
  @Field(() => Int, { description: "From the workspace's internal IP ranges (settings)" }) internal!: number;
}

@Resolver(() => TrackedLinkDto)
export class LinkFilteredClicksResolver {
  constructor(private readonly filtered: FilteredClicksRepository) {}

  @ResolveField(() => FilteredClicksDto, { description: EXPLANATION })
  filteredClicks(@CurrentWorkspace() workspaceId: string, @Parent() link: TrackedLinkDto): Promise<FilteredClicksDto> {
    return this.filtered.of(workspaceId, { column: 'tracked_link_id', id: link.id });
  }
}

@Resolver(() => CampaignDto)
export class CampaignFilteredClicksResolver {
  constructor(private readonly filtered: FilteredClicksRepository) {}

  @ResolveField(() => FilteredClicksDto, { description: EXPLANATION })
  filteredClicks(@CurrentWorkspace() workspaceId: string, @Parent() campaign: CampaignDto): Promise<FilteredClicksDto> {
    return this.filtered.of(workspaceId, { column: 'campaign_id', id: campaign.id });
  }
}
