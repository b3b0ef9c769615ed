import { Injectable } from '@nestjs/common';
import type { Transaction } from 'src/common/database/transaction';
import { CompanyRollup, LeadPerson, OpportunityAttribution, PersonAttribution } from 'src/crm/crm-attribution.types';
import { CrmObject, WrittenFields } from 'src/crm/crm-change';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { changedFields, companyFields, opportunityFields, personFields, REST_PLURAL } from 'src/crm/twenty/twenty-write-back.util';

const NO_ATTRIBUTION: PersonAttribution = { visitorId: null, source: null, medium: null, campaign: null, firstTouchAt: null, lastTouchAt: null, touchCount: 0 };

/**
 * What TrackFlow writes on the CRM's records, said in TrackFlow's terms: the hooks, lead forms and
 * erasure hand over plain values and this turns them into Twenty's field names, composites and
 * REST paths (docs/twenty-contracts.md, R5, R8). Every write goes through the outbox, so a Twenty
 * outage delays it without losing it. Given `written` (what the record holds now, as a change
 * brought it), only the fields that differ are sent, so the echo of TrackFlow's own write writes
 * nothing; each update answers how many fields it sent.
 */
@Injectable()
export class CrmWriter {
  constructor(private readonly outbox: TwentyOutboxService) {}

  updatePersonAttribution(workspaceId: string, personId: string, attribution: PersonAttribution, written: WrittenFields, transaction?: Transaction): Promise<number> {
    return this.update(workspaceId, 'person', personId, personFields(attribution), written, transaction);
  }

  /** An erased person keeps no trace of TrackFlow in the CRM. */
  async clearPersonAttribution(workspaceId: string, personId: string): Promise<void> {
    await this.update(workspaceId, 'person', personId, personFields(NO_ATTRIBUTION));
  }

  /** Given the deal hook's transaction, the fields wait in it: written back only if the deal's other work commits. */
  updateOpportunityAttribution(workspaceId: string, opportunityId: string, attribution: OpportunityAttribution, written: WrittenFields, transaction?: Transaction): Promise<number> {
    return this.update(workspaceId, 'opportunity', opportunityId, opportunityFields(attribution), written, transaction);
  }

  /** Without `written`, the caller knows the rollup changed and every field is sent. */
  updateCompanyRollup(workspaceId: string, companyId: string, rollup: CompanyRollup, written?: WrittenFields): Promise<number> {
    return this.update(workspaceId, 'company', companyId, companyFields(rollup), written);
  }

  async upsertLead(workspaceId: string, lead: LeadPerson): Promise<void> {
    await this.outbox.upsertPerson({ workspaceId, ...lead });
  }

  /** The record is gone from the CRM: what was waiting to be written on it will never be sent. */
  async forgetRecord(workspaceId: string, object: CrmObject, recordId: string, transaction?: Transaction): Promise<void> {
    await this.outbox.dropPendingUpdates(workspaceId, REST_PLURAL[object], recordId, transaction);
  }

  private async update(workspaceId: string, object: CrmObject, recordId: string, fields: Record<string, unknown>, written?: WrittenFields, transaction?: Transaction): Promise<number> {
    const data = written ? changedFields(written, fields) : fields;
    const count = Object.keys(data).length;
    if (count > 0) await this.outbox.updateRecord({ workspaceId, plural: REST_PLURAL[object], recordId, data }, transaction);
    return count;
  }
}
