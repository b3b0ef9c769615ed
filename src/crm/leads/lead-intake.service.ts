import { Injectable, Logger } from '@nestjs/common';
import { LeadPerson } from 'src/crm/crm-attribution.types';
import { PendingLeadsRepository } from 'src/crm/leads/pending-leads.repository';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';

const PAGE = 500;

/**
 * Where a lead form's person goes: to Twenty through the CRM writer when the workspace is connected,
 * else kept in PostgreSQL until it is (`twenty:install` sends what waits, and the CRM worker's sweep
 * sends what a connected workspace still has waiting), so a site that starts sending leads before
 * the CRM is connected loses none. A connected workspace's lead the queue did not take for sure
 * (Redis away, or no replica acknowledged the job) is kept too, and the sweep sends it.
 */
@Injectable()
export class LeadIntakeService {
  private readonly logger = new Logger(LeadIntakeService.name);

  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly writer: CrmWriter,
    private readonly pending: PendingLeadsRepository,
  ) {}

  async submit(workspaceId: string, person: LeadPerson): Promise<void> {
    if (await this.connections.findByWorkspace(workspaceId)) {
      try {
        await this.writer.upsertLead(workspaceId, person);
        return;
      } catch (error) {
        // Perhaps queued after all: sent twice, the upsert by email leaves one person.
        this.logger.warn(`lead kept for the sweep: ${(error as Error).message}`);
      }
    }
    await this.pending.keep(workspaceId, person);
  }

  /**
   * Sends every kept lead of a workspace now connected. The Twenty write is queued while the lead's
   * row is held and the row deleted in the same transaction, so a lead is sent once however many
   * senders run, and stays kept if the queue refuses it.
   */
  async sendWaiting(workspaceId: string): Promise<number> {
    let sent = 0;
    const send = async (people: LeadPerson[]) => {
      for (const person of people) await this.writer.upsertLead(workspaceId, person);
    };
    for (let taken = await this.pending.sendOldest(workspaceId, PAGE, send); taken > 0; taken = await this.pending.sendOldest(workspaceId, PAGE, send)) sent += taken;
    return sent;
  }

  /** Sends what connected workspaces still keep; one workspace failing leaves the others to go. */
  async sendWaitingOfConnected(): Promise<number> {
    let sent = 0;
    for (const workspaceId of await this.pending.connectedWorkspacesWaiting()) {
      try {
        sent += await this.sendWaiting(workspaceId);
      } catch (error) {
        this.logger.warn(`leads kept for workspace ${workspaceId} wait for the next sweep: ${(error as Error).message}`);
      }
    }
    return sent;
  }
}
