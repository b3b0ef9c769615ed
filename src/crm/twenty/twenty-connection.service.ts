import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openSecret, sealSecret } from 'src/common/crypto/secret-box.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { AppConfig } from 'src/config/app-config';

export interface TwentyConnection {
  workspaceId: string;
  twentyUrl: string;
  twentyWorkspaceId: string;
  apiKey: string;
  webhookSecret: string;
  webhookId: string | null;
}

type ConnectionRow = { workspace_id: string; twenty_url: string; twenty_workspace_id: string; api_key_sealed: string; webhook_secret_sealed: string; webhook_id: string | null };

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
       ON CONFLICT (workspace_id) DO UPDATE SET twenty_url = EXCLUDED.twenty_url, twenty_workspace_id = EXCLUDED.twenty_workspace_id,
         api_key_sealed = EXCLUDED.api_key_sealed, webhook_secret_sealed = EXCLUDED.webhook_secret_sealed, webhook_id = EXCLUDED.webhook_id,
         installed_at = now(), updated_at = now()`,
      [connection.workspaceId, connection.twentyUrl, connection.twentyWorkspaceId, sealSecret(key, connection.apiKey), sealSecret(key, connection.webhookSecret), connection.webhookId],
    );
  }

  /** The connection a Twenty webhook belongs to, by the Twenty workspace id in its body. */
  async findByTwentyWorkspace(twentyWorkspaceId: string): Promise<TwentyConnection | null> {
    const rows: ConnectionRow[] = await this.dataSource.query(`SELECT * FROM trackflow.twenty_connection WHERE twenty_workspace_id = $1`, [twentyWorkspaceId]);
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
