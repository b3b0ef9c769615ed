import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Workspace } from 'src/common/workspace/workspace.entity';

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Workspace | null> {
    return this.dataSource.getRepository(Workspace).findOneBy({ id });
  }

  findByName(name: string): Promise<Workspace | null> {
    return this.dataSource.getRepository(Workspace).findOneBy({ name });
  }

  findByPublicKey(publicKey: string): Promise<Workspace | null> {
    return this.dataSource.getRepository(Workspace).findOneBy({ publicKey });
  }

  async updateSiteDomains(id: string, siteDomains: string[]): Promise<Workspace> {
    await this.dataSource.getRepository(Workspace).update({ id }, { siteDomains });
    return this.dataSource.getRepository(Workspace).findOneByOrFail({ id });
  }

  /** Creates the workspace and its settings row together; an existing name is returned as is. */
  async findOrCreateByName(name: string, publicKey: string): Promise<Workspace> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO trackflow.workspace (name, public_key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
        [name, publicKey],
      );
      const workspace = await manager.getRepository(Workspace).findOneByOrFail({ name });
      await manager.query(`INSERT INTO trackflow.trackflow_settings (workspace_id) VALUES ($1) ON CONFLICT DO NOTHING`, [workspace.id]);
      return workspace;
    });
  }
}
