import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKey } from 'src/security/api-keys/api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(key: Pick<ApiKey, 'workspaceId' | 'name' | 'keyPrefix' | 'keyLast4' | 'keyHash' | 'scopes'>): Promise<ApiKey> {
    const repository = this.dataSource.getRepository(ApiKey);
    return repository.save(repository.create({ ...key, isActive: true }));
  }

  findUsableByHash(keyHash: string, now: Date): Promise<ApiKey | null> {
    return this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .where('key.keyHash = :keyHash AND key.isActive AND key.revokedAt IS NULL', { keyHash })
      .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now })
      .getOne();
  }

  async recordUsage(id: string, uses: number, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE trackflow.api_key SET usage_count = usage_count + $2, last_used_at = GREATEST(last_used_at, $3) WHERE id = $1`,
      [id, uses, at],
    );
  }
}
