import { Injectable } from '@nestjs/common';
import { CompanyRollup, OpportunityAttribution, PersonAttribution } from 'src/crm/crm-attribution.types';
import { CrmObject, WrittenFields } from 'src/crm/crm-change';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { changedFields, companyFields, opportunityFields, personFields, REST_PLURAL } from 'src/crm/twenty/twenty-write-back.util';

type Lead = { email: string; firstName: string; lastName: string; visitorId: string | null };

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

  updatePersonAttribution(workspaceId: string, personId: string, attribution: PersonAttribution, written: WrittenFields): Promise<number> {
    return this.update(workspaceId, 'person', personId, personFields(attribution), written);
  }

  /** An erased person keeps no trace of TrackFlow in the CRM. */
  async clearPersonAttribution(workspaceId: string, personId: string): Promise<void> {
    await this.update(workspaceId, 'person', personId, personFields(NO_ATTRIBUTION));
  }

  updateOpportunityAttribution(workspaceId: string, opportunityId: string, attribution: OpportunityAttribution, written: WrittenFields): Promise<number> {
    return this.update(workspaceId, 'opportunity', opportunityId, opportunityFields(attribution), written);
  }

  /** Without `written`, the caller knows the rollup changed and every field is sent. */
  updateCompanyRollup(workspaceId: string, companyId: string, rollup: CompanyRollup, written?: WrittenFields): Promise<number> {
    return this.update(workspaceId, 'company', companyId, companyFields(rollup), written);
  }

  /** A lead form's person: found by email in the CRM and given the visitor id, or created. */
  async upsertLead(workspaceId: string, lead: Lead): Promise<void> {
    await this.outbox.upsertPerson({ workspaceId, ...lead });
  }

  /** The record is gone from the CRM: what was waiting to be written on it will never be sent. */
  async forgetRecord(workspaceId: string, object: CrmObject, recordId: string): Promise<void> {
    await this.outbox.dropPendingUpdates(workspaceId, REST_PLURAL[object], recordId);
  }

  private async update(workspaceId: string, object: CrmObject, recordId: string, fields: Record<string, unknown>, written?: WrittenFields): Promise<number> {
    const data = written ? changedFields(written, fields) : fields;
    const count = Object.keys(data).length;
    if (count > 0) await this.outbox.updateRecord({ workspaceId, plural: REST_PLURAL[object], recordId, data });
    return count;
  }
}
