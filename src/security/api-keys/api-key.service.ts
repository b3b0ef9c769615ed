import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { generateApiKeySecret, generatePublicKey, hashApiKey } from 'src/security/api-keys/api-key-secret.util';

export type ApiKeyPrincipal = { apiKeyId: string; workspaceId: string; scopes: string[] };

const AUTH_CACHE_MS = 10_000;
const USAGE_FLUSH_MS = 60_000;

/**
 * Authenticates bearer keys. Results are cached briefly and usage is counted in memory and flushed
 * once a minute, so a busy key costs no database write per request.
 */
@Injectable()
export class ApiKeyService implements OnModuleDestroy {
  private readonly cache = new Map<string, { principal: ApiKeyPrincipal | null; until: number }>();
  private readonly pendingUsage = new Map<string, { uses: number; lastAt: Date }>();
  private readonly flushTimer: NodeJS.Timeout;

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly workspaces: WorkspaceRepository,
  ) {
    this.flushTimer = setInterval(() => void this.flushUsage(), USAGE_FLUSH_MS);
    this.flushTimer.unref();
  }

  async createKey(workspaceName: string, name: string, scopes: string[]): Promise<{ plaintext: string; workspaceId: string; apiKeyId: string }> {
    const workspace = await this.workspaces.findOrCreateByName(workspaceName, generatePublicKey());
    const secret = generateApiKeySecret();
    const key = await this.apiKeys.insert({
      workspaceId: workspace.id,
      name,
      keyPrefix: secret.prefix,
      keyLast4: secret.last4,
      keyHash: secret.hash,
      scopes,
    });
    return { plaintext: secret.plaintext, workspaceId: workspace.id, apiKeyId: key.id };
  }

  async authenticate(plaintext: string): Promise<ApiKeyPrincipal | null> {
    const hash = hashApiKey(plaintext);
    const now = Date.now();
    let cached = this.cache.get(hash);
    if (!cached || cached.until < now) {
      const key = await this.apiKeys.findUsableByHash(hash, new Date(now));
      cached = { principal: key ? { apiKeyId: key.id, workspaceId: key.workspaceId, scopes: key.scopes } : null, until: now + AUTH_CACHE_MS };
      this.cache.set(hash, cached);
    }
    if (cached.principal) this.noteUsage(cached.principal.apiKeyId);
    return cached.principal;
  }

  private noteUsage(apiKeyId: string): void {
    const usage = this.pendingUsage.get(apiKeyId) ?? { uses: 0, lastAt: new Date() };
    usage.uses += 1;
    usage.lastAt = new Date();
    this.pendingUsage.set(apiKeyId, usage);
  }

  async flushUsage(): Promise<void> {
    const batch = [...this.pendingUsage.entries()];
    this.pendingUsage.clear();
    for (const [apiKeyId, usage] of batch) {
      await this.apiKeys.recordUsage(apiKeyId, usage.uses, usage.lastAt);
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushUsage().catch(() => undefined);
  }
}
