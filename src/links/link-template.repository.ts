import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { LinkTemplate } from 'src/links/entities/link-template.entity';

@Injectable()
export class LinkTemplateRepository extends WorkspaceScopedRepository<LinkTemplate> {
  constructor(dataSource: DataSource) {
    super(dataSource, LinkTemplate);
  }

  /** Variables are children of the template: a given list replaces the old one in the same transaction. */
  async save(template: LinkTemplate): Promise<LinkTemplate> {
    return this.repository.manager.transaction(async (manager) => {
      if (template.id) await manager.query(`DELETE FROM trackflow.template_variable WHERE workspace_id = $1 AND link_template_id = $2`, [template.workspaceId, template.id]);
      return manager.save(LinkTemplate, template);
    });
  }

  create(values: Partial<LinkTemplate>): LinkTemplate {
    return this.repository.create(values as LinkTemplate);
  }
}
