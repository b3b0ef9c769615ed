import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type FilteredClicks = { bots: number; internal: number };

/** Clicks stored but never counted: from bots and crawlers, or from the workspace's own network. */
@Injectable()
export class FilteredClicksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async of(workspaceId: string, scope: { column: 'tracked_link_id' | 'campaign_id'; id: string }): Promise<FilteredClicks> {
    const [row]: { bots: number; internal: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE is_bot)::int AS bots, count(*) FILTER (WHERE is_internal AND NOT is_bot)::int AS internal
       FROM trackflow.click_event WHERE workspace_id = $1 AND ${scope.column === 'campaign_id' ? 'campaign_id' : 'tracked_link_id'} = $2 AND (is_bot OR is_internal)`,
      [workspaceId, scope.id],
    );
    return { bots: row?.bots ?? 0, internal: row?.internal ?? 0 };
  }
}
