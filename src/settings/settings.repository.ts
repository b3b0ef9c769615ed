import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SettingsChangeDto } from 'src/settings/dto/settings.dto';
import type { InternalIpRangeEntry, SettingsAuditEntry } from 'src/settings/settings.types';
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

  async setDefaultModel(manager: EntityManager, workspaceId: string, modelType: string): Promise<void> {
    await manager.query(`UPDATE trackflow.trackflow_settings SET default_attribution_model = $2, updated_at = now() WHERE workspace_id = $1`, [workspaceId, modelType]);
  }

  findInternalIpRanges(workspaceId: string): Promise<InternalIpRangeEntry[]> {
    return this.dataSource.query(`SELECT ip_range::text AS "ipRange", description FROM trackflow.internal_ip_range WHERE workspace_id = $1`, [workspaceId]);
  }

  async replaceInternalIpRanges(workspaceId: string, ranges: InternalIpRangeEntry[]): Promise<void> {
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

  async insertAudit(workspaceId: string, apiKeyId: string | null, entries: SettingsAuditEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.dataSource.query(
        `INSERT INTO trackflow.settings_audit_log (workspace_id, api_key_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5)`,
        [workspaceId, apiKeyId, entry.field, JSON.stringify(entry.oldValue), JSON.stringify(entry.newValue)],
      );
    }
  }

  listAudit(workspaceId: string, limit: number): Promise<SettingsChangeDto[]> {
    return this.dataSource.query(
      `SELECT changed_at AS "changedAt", field, api_key_id AS "apiKeyId", old_value::text AS "oldValue", new_value::text AS "newValue"
         FROM trackflow.settings_audit_log WHERE workspace_id = $1 ORDER BY changed_at DESC, id LIMIT $2`,
      [workspaceId, limit],
    );
  }
}
