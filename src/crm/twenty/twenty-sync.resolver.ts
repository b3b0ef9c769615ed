import { Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { TwentySyncDto } from 'src/crm/twenty/twenty-sync-status.dto';
import { TwentySyncService } from 'src/crm/twenty/twenty-sync.service';

@Resolver()
export class TwentySyncResolver {
  constructor(private readonly sync: TwentySyncService) {}

  @Query(() => TwentySyncDto, { description: 'Deliveries received, reconciliation cursors and their lag, backlog and recent failures of the sync with Twenty' })
  @RequireScope('settings:read')
  twentySync(@CurrentWorkspace() workspaceId: string): Promise<TwentySyncDto> {
    return this.sync.status(workspaceId);
  }
}
