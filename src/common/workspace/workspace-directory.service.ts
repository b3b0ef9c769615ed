import { Injectable, OnModuleInit } from '@nestjs/common';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { RedisService } from 'src/common/redis/redis.service';
import { Workspace } from 'src/common/workspace/workspace.entity';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { hasControlCharacters } from 'src/common/validation/input-rules';

type PublicWorkspace = Pick<Workspace, 'id' | 'publicKey' | 'siteDomains'>;

/** Workspaces by public tracker key, read on every /api/collect request: cached per process, dropped everywhere on change. */
@Injectable()
export class WorkspaceDirectoryService implements OnModuleInit {
  private readonly byPublicKey: BroadcastCache<PublicWorkspace | null>;

  constructor(
    private readonly repository: WorkspaceRepository,
    redis: RedisService,
  ) {
    this.byPublicKey = new BroadcastCache(redis, 'invalidate:public-key', 60_000, 10_000);
  }

  async onModuleInit(): Promise<void> {
    await this.byPublicKey.start();
  }

  async findByPublicKey(publicKey: string): Promise<PublicWorkspace | null> {
    // No key looks like this, and PostgreSQL refuses NUL in text: answer "unknown", not a database error.
    if (publicKey.length > 128 || hasControlCharacters(publicKey)) return null;
    const cached = this.byPublicKey.get(publicKey);
    if (cached !== undefined) return cached;
    const generation = this.byPublicKey.generation;
    const workspace = await this.repository.findByPublicKey(publicKey);
    const entry = workspace ? { id: workspace.id, publicKey: workspace.publicKey, siteDomains: workspace.siteDomains } : null;
    this.byPublicKey.set(publicKey, entry, undefined, generation);
    return entry;
  }

  async updateSiteDomains(workspaceId: string, siteDomains: string[]): Promise<Workspace> {
    const workspace = await this.repository.updateSiteDomains(workspaceId, siteDomains);
    await this.byPublicKey.invalidate(workspace.publicKey);
    return workspace;
  }
}
