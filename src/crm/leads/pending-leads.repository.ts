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

  /** Workspaces connected to Twenty that still have leads kept from before: a lead kept while the connection was being made ends up here. */
  async connectedWorkspacesWaiting(): Promise<string[]> {
    const rows: { workspace_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT lead.workspace_id FROM trackflow.pending_lead lead JOIN trackflow.twenty_connection connection ON connection.workspace_id = lead.workspace_id`,
    );
    return rows.map((row) => row.workspace_id);
  }

  /**
   * Hands the oldest waiting leads to `send` and deletes them once it has returned, in one
   * transaction holding their rows. Another sender at the same moment (an install and the sweep)
   * skips rows held, so each lead is sent once; when `send` fails, the leads stay for the next try.
   * Returns how many were sent, 0 when none waits.
   */
  async sendOldest(workspaceId: string, limit: number, send: (people: LeadPerson[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Oldest first, so Twenty hears of a person's forms in the order they were sent.
      const leads: { id: string; person: LeadPerson }[] = await manager.query(
        `SELECT id, person FROM trackflow.pending_lead WHERE workspace_id = $1 ORDER BY received_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [workspaceId, limit],
      );
      if (leads.length === 0) return 0;
      await send(leads.map((lead) => lead.person));
      await manager.query(`DELETE FROM trackflow.pending_lead WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, leads.map((lead) => lead.id)]);
      return leads.length;
    });
  }
}
