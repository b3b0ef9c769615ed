import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openSecret, sealSecret } from 'src/common/crypto/secret-box.util';
import { returnedRows } from 'src/common/database/returned-rows.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { AppConfig } from 'src/config/app-config';

export interface TwentyConnection {
  workspaceId: string;
  twentyUrl: string;
  twentyWorkspaceId: string | null;
  apiKey: string;
  webhookSecret: string;
  webhookId: string;
}

type ConnectionRow = { workspace_id: string; twenty_url: string; twenty_workspace_id: string | null; api_key_sealed: string; webhook_secret_sealed: string; webhook_id: string };

/** Twenty credentials of a workspace, sealed at rest with TRACKFLOW_SECRET_KEY. */
@Injectable()
export class TwentyConnectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private key(): Buffer {
    if (!this.config.secretKey) {
      throw new ValidationFailure('TRACKFLOW_SECRET_KEY', 'is not set, so Twenty credentials cannot be stored or read encrypted; set it (openssl rand -hex 32) and restart');
    }
    return this.config.secretKey;
  }

  async save(connection: TwentyConnection): Promise<void> {
    const key = this.key();
    await this.dataSource.query(
      `INSERT INTO trackflow.twenty_connection (workspace_id, twenty_url, twenty_workspace_id, api_key_sealed, webhook_secret_sealed, webhook_id, installed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (workspace_id) DO UPDATE SET twenty_url = EXCLUDED.twenty_url, twenty_workspace_id = COALESCE(EXCLUDED.twenty_workspace_id, trackflow.twenty_connection.twenty_workspace_id),
         api_key_sealed = EXCLUDED.api_key_sealed, webhook_secret_sealed = EXCLUDED.webhook_secret_sealed, webhook_id = EXCLUDED.webhook_id,
         installed_at = now(), updated_at = now()`,
      [connection.workspaceId, connection.twentyUrl, connection.twentyWorkspaceId, sealSecret(key, connection.apiKey), sealSecret(key, connection.webhookSecret), connection.webhookId],
    );
  }

  async remove(workspaceId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM trackflow.twenty_connection WHERE workspace_id = $1`, [workspaceId]);
  }

  async findByWorkspace(workspaceId: string): Promise<TwentyConnection | null> {
    return this.toConnection(await this.dataSource.query(`SELECT * FROM trackflow.twenty_connection WHERE workspace_id = $1`, [workspaceId]));
  }

  /** The connection a Twenty delivery belongs to, by the webhook id install registered (it is in every delivery's body). */
  async findByWebhook(webhookId: string): Promise<TwentyConnection | null> {
    return this.toConnection(await this.dataSource.query(`SELECT * FROM trackflow.twenty_connection WHERE webhook_id = $1`, [webhookId]));
  }

  /** Twenty names its workspace in every delivery; the first verified one tells us, and later ones must agree. */
  async rememberTwentyWorkspace(workspaceId: string, twentyWorkspaceId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE trackflow.twenty_connection SET twenty_workspace_id = COALESCE(twenty_workspace_id, $2), updated_at = now()
       WHERE workspace_id = $1 AND (twenty_workspace_id IS NULL OR twenty_workspace_id = $2) RETURNING workspace_id`,
      [workspaceId, twentyWorkspaceId],
    );
    return returnedRows(rows).length > 0;
  }

  async connectedWorkspaces(): Promise<string[]> {
    const rows: { workspace_id: string }[] = await this.dataSource.query(`SELECT workspace_id FROM trackflow.twenty_connection ORDER BY installed_at`);
    return rows.map((row) => row.workspace_id);
  }

  /** Whether a verified Twenty delivery reached this workspace (about this record, when one is named): what twenty:install waits for. */
  async deliveryRecorded(workspaceId: string, recordId?: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND ($2::text IS NULL OR record_id = $2) LIMIT 1`,
      [workspaceId, recordId ?? null],
    );
    return rows.length > 0;
  }

  /** When the last verified delivery arrived, how many wait to be processed, and the latest whose hooks failed. */
  async deliveryStatus(workspaceId: string, failures: number): Promise<{ lastDeliveryAt: Date | null; backlog: number; recentFailures: { eventName: string; recordId: string | null; receivedAt: Date; error: string }[] }> {
    const [totals]: { last_delivery_at: Date | null; backlog: number }[] = await this.dataSource.query(
      `SELECT max(received_at) AS last_delivery_at, (count(*) FILTER (WHERE processed_at IS NULL))::int AS backlog FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1`,
      [workspaceId],
    );
    const failed: { event_name: string; record_id: string | null; received_at: Date; error: string }[] = await this.dataSource.query(
      `SELECT event_name, record_id, received_at, error FROM trackflow.twenty_webhook_delivery WHERE workspace_id = $1 AND error IS NOT NULL AND processed_at IS NULL ORDER BY received_at DESC LIMIT $2`,
      [workspaceId, failures],
    );
    return {
      lastDeliveryAt: totals.last_delivery_at,
      backlog: totals.backlog,
      recentFailures: failed.map((row) => ({ eventName: row.event_name, recordId: row.record_id, receivedAt: row.received_at, error: row.error })),
    };
  }

  private toConnection(rows: ConnectionRow[]): TwentyConnection | null {
    if (!rows[0]) return null;
    const key = this.key();
    return {
      workspaceId: rows[0].workspace_id,
      twentyUrl: rows[0].twenty_url,
      twentyWorkspaceId: rows[0].twenty_workspace_id,
      apiKey: openSecret(key, rows[0].api_key_sealed),
      webhookSecret: openSecret(key, rows[0].webhook_secret_sealed),
      webhookId: rows[0].webhook_id,
    };
  }
}
