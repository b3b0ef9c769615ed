import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { CampaignLinkVariant } from 'src/links/entities/campaign-link-variant.entity';

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
