import { Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { AppConfig } from 'src/config/app-config';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentySyncDto } from 'src/crm/twenty/twenty-sync-status.dto';

const RECENT_FAILURES = 10;

@Resolver()
export class TwentySyncResolver {
  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Query(() => TwentySyncDto, { description: 'Deliveries received, reconciliation cursors and their lag, backlog and recent failures of the sync with Twenty' })
  @RequireScope('settings:read')
  async twentySync(@CurrentWorkspace() workspaceId: string): Promise<TwentySyncDto> {
    const connection = await this.connections.findByWorkspace(workspaceId);
    const [deliveries]: { last_delivery_at: Date | null; backlog: number }[] = await this.dataSource.query(
      `SELECT max(received_at) AS last_delivery_at, (count(*) FILTER (WHERE processed_at IS NULL))::int AS backlog FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1`,
      [workspaceId],
    );
    const cursors: { object_plural: string; cursor_updated_at: Date | null; last_run_at: Date | null; last_error: string | null; records_processed: string; lag_seconds: number | null }[] = await this.dataSource.query(
      `SELECT object_plural, cursor_updated_at, last_run_at, last_error, records_processed, extract(epoch FROM now() - cursor_updated_at)::int AS lag_seconds
       FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 ORDER BY object_plural`,
      [workspaceId],
    );
    const failures: { event_name: string; record_id: string | null; received_at: Date; error: string }[] = await this.dataSource.query(
      `SELECT event_name, record_id, received_at, error FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND error IS NOT NULL AND processed_at IS NULL ORDER BY received_at DESC LIMIT $2`,
      [workspaceId, RECENT_FAILURES],
    );
    return {
      connected: connection !== null,
      twentyUrl: connection?.twentyUrl ?? null,
      lastDeliveryAt: deliveries.last_delivery_at,
      backlog: deliveries.backlog,
      intervalSeconds: this.config.twentySyncIntervalSeconds,
      cursors: cursors.map((row) => ({
        objectPlural: row.object_plural,
        cursorUpdatedAt: row.cursor_updated_at,
        lagSeconds: row.lag_seconds,
        lastRunAt: row.last_run_at,
        lastError: row.last_error,
        recordsProcessed: Number(row.records_processed),
      })),
      recentFailures: failures.map((row) => ({ eventName: row.event_name, recordId: row.record_id, receivedAt: row.received_at, error: row.error })),
    };
  }
}
