import { Query, Resolver } from '@nestjs/graphql';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { AppConfig } from 'src/config/app-config';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentySyncDto } from 'src/crm/twenty/twenty-sync-status.dto';
import { TwentySyncService } from 'src/crm/twenty/twenty-sync.service';

const RECENT_FAILURES = 10;

@Resolver()
export class TwentySyncResolver {
  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly sync: TwentySyncService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => TwentySyncDto, { description: 'Deliveries received, reconciliation cursors and their lag, backlog and recent failures of the sync with Twenty' })
  @RequireScope('settings:read')
  async twentySync(@CurrentWorkspace() workspaceId: string): Promise<TwentySyncDto> {
    const connection = await this.connections.findByWorkspace(workspaceId);
    return {
      connected: connection !== null,
      twentyUrl: connection?.twentyUrl ?? null,
      ...(await this.connections.deliveryStatus(workspaceId, RECENT_FAILURES)),
      intervalSeconds: this.config.twentySyncIntervalSeconds,
      cursors: await this.sync.cursors(workspaceId),
    };
  }
}
