import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LeadPerson } from 'src/crm/crm-attribution.types';

/** Leads kept while their workspace has no Twenty connection (migration 1764845000001). */
@Injectable()
export class PendingLeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async keep(workspaceId: string, person: LeadPerson): Promise<void> {
    await this.dataSource.query(`INSERT INTO trackflow.pending_lead (workspace_id, person) VALUES ($1, $2)`, [workspaceId, JSON.stringify(person)]);
  }

  /** Oldest first, so Twenty hears of a person's forms in the order they were sent. */
  async waiting(workspaceId: string, limit: number): Promise<{ id: string; person: LeadPerson }[]> {
    return this.dataSource.query(`SELECT id, person FROM trackflow.pending_lead WHERE workspace_id = $1 ORDER BY received_at, id LIMIT $2`, [workspaceId, limit]);
  }

  async remove(workspaceId: string, ids: readonly string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM trackflow.pending_lead WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, ids]);
  }
}
