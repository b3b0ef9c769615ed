import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';

@Injectable()
export class DomainRepository extends WorkspaceScopedRepository<DomainConfiguration> {
  constructor(dataSource: DataSource) {
    super(dataSource, DomainConfiguration);
  }

  async save(domain: DomainConfiguration): Promise<DomainConfiguration> {
    return this.repository.manager.transaction(async (manager) => {
      if (domain.id) await manager.query(`DELETE FROM trackflow.domain_header_configuration WHERE workspace_id = $1 AND domain_configuration_id = $2`, [domain.workspaceId, domain.id]);
      if (domain.isPrimary) {
        await manager.query(`UPDATE trackflow.domain_configuration SET is_primary = false WHERE workspace_id = $1 AND id IS DISTINCT FROM $2`, [
          domain.workspaceId,
          domain.id ?? null,
        ]);
      }
      return manager.save(DomainConfiguration, domain);
    });
  }

  create(values: Partial<DomainConfiguration>): DomainConfiguration {
    return this.repository.create(values as DomainConfiguration);
  }

  findPrimary(workspaceId: string): Promise<DomainConfiguration | null> {
    return this.repository.findOneBy({ workspaceId, isPrimary: true });
  }

  async isUsedByLinks(workspaceId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.repository.query(`SELECT 1 FROM trackflow.tracked_link WHERE workspace_id = $1 AND domain_id = $2 LIMIT 1`, [workspaceId, id]);
    return rows.length > 0;
  }
}
