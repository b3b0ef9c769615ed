import { Injectable } from '@nestjs/common';
import { openSecret, sealSecret } from 'src/common/crypto/secret-box.util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { AppConfig } from 'src/config/app-config';
import { SealedConnectionRow, TwentyConnectionRepository } from 'src/crm/twenty/twenty-connection.repository';

export interface TwentyConnection {
  workspaceId: string;
  twentyUrl: string;
  twentyWorkspaceId: string | null;
  apiKey: string;
  webhookSecret: string;
  webhookId: string;
}

/** Twenty credentials of a workspace, sealed at rest with TRACKFLOW_SECRET_KEY. */
@Injectable()
export class TwentyConnectionService {
  constructor(
    private readonly connections: TwentyConnectionRepository,
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
    await this.connections.upsert({
      workspace_id: connection.workspaceId,
      twenty_url: connection.twentyUrl,
      twenty_workspace_id: connection.twentyWorkspaceId,
      api_key_sealed: sealSecret(key, connection.apiKey),
      webhook_secret_sealed: sealSecret(key, connection.webhookSecret),
      webhook_id: connection.webhookId,
    });
  }

  async remove(workspaceId: string): Promise<void> {
    await this.connections.delete(workspaceId);
  }

  async findByWorkspace(workspaceId: string): Promise<TwentyConnection | null> {
    return this.toConnection(await this.connections.findByWorkspace(workspaceId));
  }

  /** The connection a Twenty delivery belongs to, by the webhook id install registered (it is in every delivery's body). */
  async findByWebhook(webhookId: string): Promise<TwentyConnection | null> {
    return this.toConnection(await this.connections.findByWebhook(webhookId));
  }

  /** Twenty names its workspace in every delivery; the first verified one tells us, and later ones must agree. */
  rememberTwentyWorkspace(workspaceId: string, twentyWorkspaceId: string): Promise<boolean> {
    return this.connections.rememberTwentyWorkspace(workspaceId, twentyWorkspaceId);
  }

  connectedWorkspaces(): Promise<string[]> {
    return this.connections.connectedWorkspaceIds();
  }

  private toConnection(row: SealedConnectionRow | null): TwentyConnection | null {
    if (!row) return null;
    const key = this.key();
    return {
      workspaceId: row.workspace_id,
      twentyUrl: row.twenty_url,
      twentyWorkspaceId: row.twenty_workspace_id,
      apiKey: openSecret(key, row.api_key_sealed),
      webhookSecret: openSecret(key, row.webhook_secret_sealed),
      webhookId: row.webhook_id,
    };
  }
}
