import { Injectable } from '@nestjs/common';
import { LeadPerson } from 'src/crm/crm-attribution.types';
import { PendingLeadsRepository } from 'src/crm/leads/pending-leads.repository';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';

const PAGE = 500;

/**
 * Where a lead form's person goes: to Twenty through the CRM writer when the workspace is connected,
 * else kept in PostgreSQL until it is (`twenty:install` sends what waits), so a site that starts
 * sending leads before the CRM is connected loses none.
 */
@Injectable()
export class LeadIntakeService {
  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly writer: CrmWriter,
    private readonly pending: PendingLeadsRepository,
  ) {}

  async submit(workspaceId: string, person: LeadPerson): Promise<void> {
    if (await this.connections.findByWorkspace(workspaceId)) await this.writer.upsertLead(workspaceId, person);
    else await this.pending.keep(workspaceId, person);
  }

  /** Sends every kept lead of a workspace now connected; a lead leaves the table only once its write is queued. */
  async sendWaiting(workspaceId: string): Promise<number> {
    let sent = 0;
    for (let page = await this.pending.waiting(workspaceId, PAGE); page.length > 0; page = await this.pending.waiting(workspaceId, PAGE)) {
      for (const { person } of page) await this.writer.upsertLead(workspaceId, person);
      await this.pending.remove(workspaceId, page.map((lead) => lead.id));
      sent += page.length;
    }
    return sent;
  }
}
