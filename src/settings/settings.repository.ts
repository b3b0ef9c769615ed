import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

@Injectable()
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOrCreate(workspaceId: string): Promise<TrackflowSettings> {
    await this.dataSource.query(`INSERT INTO trackflow.trackflow_settings (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING`, [workspaceId]);
    return this.dataSource.getRepository(TrackflowSettings).findOneByOrFail({ workspaceId });
  }

  async update(workspaceId: string, changes: Partial<TrackflowSettings>): Promise<void> {
    await this.dataSource.getRepository(TrackflowSettings).update({ workspaceId }, changes as QueryDeepPartialEntity<TrackflowSettings>);
  }

  async findInternalIpRanges(workspaceId: string): Promise<string[]> {
    const rows: { ip_range: string }[] = await this.dataSource.query(
      `SELECT ip_range::text AS ip_range FROM trackflow.internal_ip_range WHERE workspace_id = $1`,
      [workspaceId],
    );
    return rows.map((row) => row.ip_range);
  }

  async replaceInternalIpRanges(workspaceId: string, ranges: { ipRange: string; description: string | null }[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM trackflow.internal_ip_range WHERE workspace_id = $1`, [workspaceId]);
      for (const range of ranges) {
        await manager.query(`INSERT INTO trackflow.internal_ip_range (workspace_id, ip_range, description) VALUES ($1, $2, $3)`, [
          workspaceId,
          range.ipRange,
          range.description,
        ]);
      }
    });
  }
}
