import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';

/** A workspace's Twenty connection as stored: its secrets sealed (TwentyConnectionService opens them). */
export type SealedConnectionRow = {
  workspace_id: string;
  twenty_url: string;
  twenty_workspace_id: string | null;
  api_key_sealed: string;
  webhook_secret_sealed: string;
  webhook_id: string;
};

/** Owns trackflow.twenty_connection. */
@Injectable()
export class TwentyConnectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A second install replaces the first, keeping the Twenty workspace a delivery already named. */
  async upsert(row: SealedConnectionRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trackflow.twenty_connection (workspace_id, twenty_url, twenty_workspace_id, api_key_sealed, webhook_secret_sealed, webhook_id, installed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (workspace_id) DO UPDATE SET twenty_url = EXCLUDED.twenty_url, twenty_workspace_id = COALESCE(EXCLUDED.twenty_workspace_id, trackflow.twenty_connection.twenty_workspace_id),
         api_key_sealed = EXCLUDED.api_key_sealed, webhook_secret_sealed = EXCLUDED.webhook_secret_sealed, webhook_id = EXCLUDED.webhook_id,
         installed_at = now(), updated_at = now()`,
      [row.workspace_id, row.twenty_url, row.twenty_workspace_id, row.api_key_sealed, row.webhook_secret_sealed, row.webhook_id],
    );
  }

  async delete(workspaceId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM trackflow.twenty_connection WHERE workspace_id = $1`, [workspaceId]);
  }

  async findByWorkspace(workspaceId: string): Promise<SealedConnectionRow | null> {
    const [row]: SealedConnectionRow[] = await this.dataSource.query(`SELECT * FROM trackflow.twenty_connection WHERE workspace_id = $1`, [workspaceId]);
    return row ?? null;
  }

  /** Deliveries name the webhook, not TrackFlow's workspace: this is how one finds its workspace, so it cannot be scoped by one. */
  async findByWebhook(webhookId: string): Promise<SealedConnectionRow | null> {
    const [row]: SealedConnectionRow[] = await this.dataSource.query(`SELECT * FROM trackflow.twenty_connection WHERE webhook_id = $1`, [webhookId]);
    return row ?? null;
  }

  /** Sets the Twenty workspace if none is known yet; false when a different one is. */
  async rememberTwentyWorkspace(workspaceId: string, twentyWorkspaceId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE trackflow.twenty_connection SET twenty_workspace_id = COALESCE(twenty_workspace_id, $2), updated_at = now()
       WHERE workspace_id = $1 AND (twenty_workspace_id IS NULL OR twenty_workspace_id = $2) RETURNING workspace_id`,
      [workspaceId, twentyWorkspaceId],
    );
    return returnedRows(rows).length > 0;
  }

  /** Every connected workspace, for the fan-out of scheduled work over them. */
  async connectedWorkspaceIds(): Promise<string[]> {
    const rows: { workspace_id: string }[] = await this.dataSource.query(`SELECT workspace_id FROM trackflow.twenty_connection ORDER BY installed_at`);
    return rows.map((row) => row.workspace_id);
  }
}
