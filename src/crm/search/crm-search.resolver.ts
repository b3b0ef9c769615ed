import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { DealFoundDto, PersonFoundDto } from 'src/crm/search/crm-search.dto';
import { CrmSearchService } from 'src/crm/search/crm-search.service';

/** The Journey and Attribution screens' search boxes; each shares the scope of the screen it opens. */
@Resolver()
export class CrmSearchResolver {
  constructor(private readonly search: CrmSearchService) {}

  @Query(() => [PersonFoundDto], { description: 'Twenty people TrackFlow knows whose name contains the text, whose email is exactly it, or whose id it is; at most 20' })
  @RequireScope('analytics:read')
  searchPeople(@CurrentWorkspace() workspaceId: string, @Args('query') query: string): Promise<PersonFoundDto[]> {
    return this.search.searchPeople(workspaceId, query);
  }

  @Query(() => [DealFoundDto], { description: "Twenty opportunities TrackFlow knows whose name or contact's name contains the text, whose contact's email is exactly it, or whose id it is; at most 20" })
  @RequireScope('attribution:read')
  searchDeals(@CurrentWorkspace() workspaceId: string, @Args('query') query: string): Promise<DealFoundDto[]> {
    return this.search.searchDeals(workspaceId, query);
  }
}
