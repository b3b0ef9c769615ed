import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { isUuid } from 'src/common/validation/input-rules';
import { CampaignLinkVariant } from 'src/links/entities/campaign-link-variant.entity';
import { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';
import { LinkCampaign } from 'src/links/entities/link-campaign.entity';
import { LinkTemplate } from 'src/links/entities/link-template.entity';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';

@Injectable()
export class CampaignRepository extends WorkspaceScopedRepository<LinkCampaign> {
  constructor(dataSource: DataSource) {
    super(dataSource, LinkCampaign);
  }

  list(workspaceId: string): Promise<LinkCampaign[]> {
    return this.findMany(workspaceId, {}, { createdAt: 'DESC' });
  }
}

@Injectable()
export class TrackedLinkRepository extends WorkspaceScopedRepository<TrackedLink> {
  constructor(dataSource: DataSource) {
    super(dataSource, TrackedLink);
  }

  list(workspaceId: string, campaignId?: string): Promise<TrackedLink[]> {
    if (campaignId && !isUuid(campaignId)) return Promise.resolve([]);
    return this.findMany(workspaceId, campaignId ? { campaignId } : {}, { createdAt: 'DESC' });
  }

  /** Codes are unique per domain across all workspaces, deleted links included. */
  async isCodeTaken(domainId: string | null, shortCode: string): Promise<boolean> {
    const rows: unknown[] = await this.repository.query(
      `SELECT 1 FROM trackflow.tracked_link
       WHERE COALESCE(domain_id, '00000000-0000-0000-0000-000000000000'::uuid) = COALESCE($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
         AND short_code = $2`,
      [domainId, shortCode],
    );
    return rows.length > 0;
  }
}

@Injectable()
export class LinkVariantRepository extends WorkspaceScopedRepository<CampaignLinkVariant> {
  constructor(dataSource: DataSource) {
    super(dataSource, CampaignLinkVariant);
  }

  listForLinks(workspaceId: string, trackedLinkIds: string[]): Promise<CampaignLinkVariant[]> {
    if (trackedLinkIds.length === 0) return Promise.resolve([]);
    return this.repository
      .createQueryBuilder('variant')
      .where('variant.workspaceId = :workspaceId AND variant.trackedLinkId IN (:...trackedLinkIds)', { workspaceId, trackedLinkIds })
      .orderBy('variant.createdAt', 'ASC')
      .getMany();
  }
}

@Injectable()
export class LinkTemplateRepository extends WorkspaceScopedRepository<LinkTemplate> {
  constructor(dataSource: DataSource) {
    super(dataSource, LinkTemplate);
  }

  /** Variables are children of the template: a given list replaces the old one in the same transaction. */
  async save(template: LinkTemplate): Promise<LinkTemplate> {
    return this.repository.manager.transaction(async (manager) => {
      if (template.id) await manager.query(`DELETE FROM trackflow.template_variable WHERE link_template_id = $1`, [template.id]);
      return manager.save(LinkTemplate, template);
    });
  }

  create(values: Partial<LinkTemplate>): LinkTemplate {
    return this.repository.create(values as LinkTemplate);
  }
}

@Injectable()
export class DomainRepository extends WorkspaceScopedRepository<DomainConfiguration> {
  constructor(dataSource: DataSource) {
    super(dataSource, DomainConfiguration);
  }

  async save(domain: DomainConfiguration): Promise<DomainConfiguration> {
    return this.repository.manager.transaction(async (manager) => {
      if (domain.id) await manager.query(`DELETE FROM trackflow.domain_header_configuration WHERE domain_configuration_id = $1`, [domain.id]);
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
