import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from 'src/common/database/workspace-scoped.repository';
import { isUuid } from 'src/common/validation/input-rules';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';

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
