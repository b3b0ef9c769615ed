import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { ApiKey } from 'src/security/api-keys/api-key.entity';

type NewApiKey = Pick<ApiKey, 'workspaceId' | 'name' | 'keyPrefix' | 'keyLast4' | 'keyHash' | 'scopes' | 'expiresAt'>;

@Injectable()
export class ApiKeyRepository extends WorkspaceScopedRepository<ApiKey> {
  constructor(private readonly dataSource: DataSource) {
    super(dataSource, ApiKey);
  }

  create(key: NewApiKey): Promise<ApiKey> {
    return this.insert(key.workspaceId, { ...key, isActive: true });
  }

  listByWorkspace(workspaceId: string): Promise<ApiKey[]> {
    return this.findMany(workspaceId, {}, { createdAt: 'ASC' });
  }

  findUsableByHash(keyHash: string, now: Date): Promise<ApiKey | null> {
    return this.repository
      .createQueryBuilder('key')
      .where('key.keyHash = :keyHash AND key.isActive AND key.revokedAt IS NULL', { keyHash })
      .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now })
      .getOne();
  }

  /** Ends a key's life at `at` unless it already ends sooner: a rotation grace never extends an expiry. */
  async expireBy(workspaceId: string, id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE trackflow.api_key SET expires_at = LEAST(COALESCE(expires_at, $3), $3), updated_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      at,
    ]);
  }

  async revoke(workspaceId: string, id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE trackflow.api_key SET is_active = false, revoked_at = COALESCE(revoked_at, $3), updated_at = now() WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, at],
    );
  }

  findIpAllowList(apiKeyId: string): Promise<{ cidr: string; description: string | null }[]> {
    return this.dataSource.query(
      `SELECT ip_address::text AS cidr, description FROM trackflow.api_key_ip_whitelist WHERE api_key_id = $1 ORDER BY ip_address`,
      [apiKeyId],
    );
  }

  async replaceIpAllowList(workspaceId: string, apiKeyId: string, ranges: { cidr: string; description: string | null }[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM trackflow.api_key_ip_whitelist WHERE workspace_id = $1 AND api_key_id = $2`, [workspaceId, apiKeyId]);
      for (const range of ranges) {
        await manager.query(
          `INSERT INTO trackflow.api_key_ip_whitelist (workspace_id, api_key_id, ip_address, description) VALUES ($1, $2, $3, $4) ON CONFLICT (api_key_id, ip_address) DO NOTHING`,
          [workspaceId, apiKeyId, range.cidr, range.description],
        );
      }
    });
  }

  async recordUsage(id: string, uses: number, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE trackflow.api_key SET usage_count = usage_count + $2, last_used_at = GREATEST(last_used_at, $3) WHERE id = $1`,
      [id, uses, at],
    );
  }
}
