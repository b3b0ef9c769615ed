import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { requiredText } from 'src/common/validation/input-rules';
import { DealLinkDto, DealStageChangeDto, LeadStatusChangeDto } from 'src/crm/crm-history.dto';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';

/** What TrackFlow logged of Twenty's deals and people as their deliveries came; each read shares the scope of the screen it sits on. */
@Resolver()
export class CrmHistoryResolver {
  constructor(private readonly records: CrmRecordsRepository) {}

  @Query(() => [DealStageChangeDto], { description: "A Twenty opportunity's stage changes, oldest first, with who made each" })
  @RequireScope('attribution:read')
  dealStageHistory(@CurrentWorkspace() workspaceId: string, @Args('opportunityId') opportunityId: string): Promise<DealStageChangeDto[]> {
    return this.records.stageChanges(workspaceId, requiredText(opportunityId, 'opportunityId', 64));
  }

  @Query(() => [DealLinkDto], { description: "The tracked links of a Twenty opportunity's journey: first touch, assists and last touch under the default model" })
  @RequireScope('attribution:read')
  dealLinks(@CurrentWorkspace() workspaceId: string, @Args('opportunityId') opportunityId: string): Promise<DealLinkDto[]> {
    return this.records.linkAssociations(workspaceId, requiredText(opportunityId, 'opportunityId', 64));
  }

  @Query(() => [LeadStatusChangeDto], { description: "A Twenty person's lead status changes, oldest first" })
  @RequireScope('analytics:read')
  leadStatusHistory(@CurrentWorkspace() workspaceId: string, @Args('personId') personId: string): Promise<LeadStatusChangeDto[]> {
    return this.records.leadStatusChanges(workspaceId, requiredText(personId, 'personId', 64));
  }
}
