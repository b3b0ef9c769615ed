import { Injectable } from '@nestjs/common';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { ApiKey } from 'src/security/api-keys/api-key.entity';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { generateApiKeySecret, generatePublicKey } from 'src/security/api-keys/api-key-secret.util';

type IssuedApiKey = { key: ApiKey; plaintext: string };

/** Issues keys; needs only the database, so the CLI uses it too. The secret exists in plain text only in the answer. */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async createKey(workspaceName: string, name: string, scopes: string[]): Promise<{ plaintext: string; workspaceId: string; apiKeyId: string }> {
    const workspace = await this.workspaces.findOrCreateByName(workspaceName, generatePublicKey());
    const issued = await this.issue(workspace.id, name, scopes, null);
    return { plaintext: issued.plaintext, workspaceId: workspace.id, apiKeyId: issued.key.id };
  }

  async issue(workspaceId: string, name: string, scopes: string[], expiresAt: Date | null): Promise<IssuedApiKey> {
    const secret = generateApiKeySecret();
    const key = await this.apiKeys.create({ workspaceId, name, keyPrefix: secret.prefix, keyLast4: secret.last4, keyHash: secret.hash, scopes, expiresAt });
    return { key, plaintext: secret.plaintext };
  }
}
