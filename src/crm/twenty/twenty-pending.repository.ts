import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from 'src/common/database/transaction';

/** Field values waiting to be written to one Twenty record; `version` tells values merged in later from the ones a send took. */
type PendingUpdate = { recordId: string; data: Record<string, unknown>; version: string };
/** A mirrored row waiting to be brought up to date in Twenty; its state is read when it is sent. */
type PendingMirror = { recordId: string; version: string };

/**
 * What the outbox still owes Twenty: field write-backs per record (merged per record, so a late
 * retry never sends older values over newer ones) and mirrored rows to sync. Kept in PostgreSQL so
 * a backlog survives Redis and goes out in batches.
 */
@Injectable()
export class TwentyPendingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async addUpdate(workspaceId: string, plural: string, recordId: string, data: Record<string, unknown>, transaction?: Transaction): Promise<void> {
    await (transaction ?? this.dataSource.manager).query(
      `INSERT INTO trackflow.twenty_pending_update AS p (workspace_id, object_plural, record_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, object_plural, record_id) DO UPDATE SET data = p.data || EXCLUDED.data, version = p.version + 1, updated_at = now()`,
      [workspaceId, plural, recordId, JSON.stringify(data)],
    );
  }

  /** Up to `limit` records' waiting updates of one object: the named record's first, then the longest waiting. */
  async updatesWith(workspaceId: string, plural: string, recordId: string, limit: number): Promise<PendingUpdate[]> {
    const rows: { record_id: string; data: Record<string, unknown>; version: string }[] = await this.dataSource.query(
      `SELECT record_id, data, version FROM trackflow.twenty_pending_update WHERE workspace_id = $1 AND object_plural = $2
       ORDER BY record_id = $3 DESC, updated_at LIMIT $4`,
      [workspaceId, plural, recordId, limit],
    );
    return rows.map((row) => ({ recordId: row.record_id, data: row.data, version: row.version }));
  }

  /** Forgets what was sent (or is not to be sent), leaving values merged in since for their own send. */
  async removeUpdates(workspaceId: string, plural: string, sent: readonly Omit<PendingUpdate, 'data'>[]): Promise<void> {
    await this.removeSent('twenty_pending_update', 'object_plural', workspaceId, plural, sent);
  }

  /** Whatever is waiting for these records, sent or not: they are gone from Twenty. */
  async dropUpdates(workspaceId: string, plural: string, recordIds: readonly string[], transaction?: Transaction): Promise<void> {
    await (transaction ?? this.dataSource.manager).query(`DELETE FROM trackflow.twenty_pending_update WHERE workspace_id = $1 AND object_plural = $2 AND record_id = ANY($3::text[])`, [workspaceId, plural, recordIds]);
  }

  async addMirrors(workspaceId: string, kind: string, recordIds: readonly string[], transaction?: Transaction): Promise<void> {
    await (transaction ?? this.dataSource.manager).query(
      `INSERT INTO trackflow.twenty_pending_mirror AS p (workspace_id, kind, record_id) SELECT DISTINCT $1::uuid, $2, unnest($3::text[])
       ON CONFLICT (workspace_id, kind, record_id) DO UPDATE SET version = p.version + 1`,
      [workspaceId, kind, recordIds],
    );
  }

  /** Up to `limit` rows of one kind waiting to be mirrored: the named ones first, then the longest waiting. */
  async mirrorsWith(workspaceId: string, kind: string, recordIds: readonly string[], limit: number): Promise<PendingMirror[]> {
    const rows: { record_id: string; version: string }[] = await this.dataSource.query(
      `SELECT record_id, version FROM trackflow.twenty_pending_mirror WHERE workspace_id = $1 AND kind = $2
       ORDER BY record_id = ANY($3::text[]) DESC, requested_at LIMIT $4`,
      [workspaceId, kind, recordIds, limit],
    );
    return rows.map((row) => ({ recordId: row.record_id, version: row.version }));
  }

  async removeMirrors(workspaceId: string, kind: string, sent: readonly PendingMirror[]): Promise<void> {
    await this.removeSent('twenty_pending_mirror', 'kind', workspaceId, kind, sent);
  }

  private async removeSent(table: string, groupColumn: string, workspaceId: string, group: string, sent: readonly { recordId: string; version: string }[]): Promise<void> {
    if (sent.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM trackflow.${table} p USING unnest($3::text[], $4::bigint[]) AS sent(record_id, version)
       WHERE p.workspace_id = $1 AND p.${groupColumn} = $2 AND p.record_id = sent.record_id AND p.version = sent.version`,
      [workspaceId, group, sent.map((row) => row.recordId), sent.map((row) => row.version)],
    );
  }
}
