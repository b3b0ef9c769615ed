import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { LinkCampaign } from 'src/links/entities/link-campaign.entity';

@Injectable()
export class CampaignRepository extends WorkspaceScopedRepository<LinkCampaign> {
  constructor(dataSource: DataSource) {
    super(dataSource, LinkCampaign);
  }

  list(workspaceId: string): Promise<LinkCampaign[]> {
    return this.findMany(workspaceId, {}, { createdAt: 'DESC' });
  }
}
