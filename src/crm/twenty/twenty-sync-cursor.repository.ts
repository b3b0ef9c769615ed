import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Where a walk over Twenty's records stands: the last record processed, by its instant and id. */
export type SyncCursor = { updatedAt: string; recordId: string };

export type SyncCursorState = { objectPlural: string; cursorUpdatedAt: Date | null; lagSeconds: number | null; lastRunAt: Date | null; lastError: string | null; recordsProcessed: number };

/** Owns trackflow.twenty_sync_cursor: one row per walk (`people`, `people:deleted`, `people:present`, …) of a workspace. */
@Injectable()
export class TwentySyncCursorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(workspaceId: string, walk: string): Promise<SyncCursor | null> {
    const [row]: { cursor_updated_at: Date | null; cursor_record_id: string | null }[] = await this.dataSource.query(
      `SELECT cursor_updated_at, cursor_record_id FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = $2`,
      [workspaceId, walk],
    );
    return row?.cursor_updated_at && row.cursor_record_id ? { updatedAt: row.cursor_updated_at.toISOString(), recordId: row.cursor_record_id } : null;
  }

  /** Moves the cursor forward only (a full backfill passing older records leaves a later cursor where it is); a null cursor only records the run. */
  async advance(workspaceId: string, walk: string, cursor: SyncCursor | null, processed: number, error: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.twenty_sync_cursor AS c (workspace_id, object_plural, cursor_updated_at, cursor_record_id, records_processed, last_error, last_run_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (workspace_id, object_plural) DO UPDATE SET
         cursor_updated_at = CASE WHEN EXCLUDED.cursor_updated_at IS NOT NULL AND (c.cursor_updated_at IS NULL OR (EXCLUDED.cursor_updated_at, EXCLUDED.cursor_record_id) > (c.cursor_updated_at, c.cursor_record_id)) THEN EXCLUDED.cursor_updated_at ELSE c.cursor_updated_at END,
         cursor_record_id = CASE WHEN EXCLUDED.cursor_updated_at IS NOT NULL AND (c.cursor_updated_at IS NULL OR (EXCLUDED.cursor_updated_at, EXCLUDED.cursor_record_id) > (c.cursor_updated_at, c.cursor_record_id)) THEN EXCLUDED.cursor_record_id ELSE c.cursor_record_id END,
         records_processed = c.records_processed + EXCLUDED.records_processed,
         last_run_at = now(), last_error = EXCLUDED.last_error`,
      [workspaceId, walk, cursor?.updatedAt ?? null, cursor?.recordId ?? null, processed, error],
    );
  }

  /** The presence check walks by id, not by instant: only the id it stopped after. */
  async presencePosition(workspaceId: string, walk: string): Promise<string | null> {
    const [row]: { cursor_record_id: string | null }[] = await this.dataSource.query(`SELECT cursor_record_id FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 AND object_plural = $2`, [workspaceId, walk]);
    return row?.cursor_record_id ?? null;
  }

  async savePresencePosition(workspaceId: string, walk: string, afterId: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.twenty_sync_cursor (workspace_id, object_plural, cursor_record_id, last_run_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (workspace_id, object_plural) DO UPDATE SET cursor_record_id = EXCLUDED.cursor_record_id`,
      [workspaceId, walk, afterId],
    );
  }

  /** Every walk of the workspace with its lag behind now. */
  async states(workspaceId: string): Promise<SyncCursorState[]> {
    const rows: { object_plural: string; cursor_updated_at: Date | null; last_run_at: Date | null; last_error: string | null; records_processed: string; lag_seconds: number | null }[] = await this.dataSource.query(
      `SELECT object_plural, cursor_updated_at, last_run_at, last_error, records_processed, extract(epoch FROM now() - cursor_updated_at)::int AS lag_seconds
       FROM trackflow.twenty_sync_cursor WHERE workspace_id = $1 ORDER BY object_plural`,
      [workspaceId],
    );
    return rows.map((row) => ({
      objectPlural: row.object_plural,
      cursorUpdatedAt: row.cursor_updated_at,
      lagSeconds: row.lag_seconds,
      lastRunAt: row.last_run_at,
      lastError: row.last_error,
      recordsProcessed: Number(row.records_processed),
    }));
  }
}
