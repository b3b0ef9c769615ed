import { Injectable } from '@nestjs/common';
import { CompanyRollup, CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { changedFields } from 'src/crm/hooks/lead-fields.util';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';

const companyFields = (rollup: CompanyRollup) => ({
  trackflowFirstTouchSource: rollup.firstTouchSource,
  trackflowInfluencedRevenue: { amountMicros: Number(rollup.influencedRevenueMicros), currencyCode: rollup.currencyCode },
});

/** Keeps a company's trackflow* fields in step with its people's journeys and its won deals. */
@Injectable()
export class CompanyRollupService {
  constructor(
    private readonly records: CrmRecordsRepository,
    private readonly outbox: TwentyOutboxService,
  ) {}

  /** After a lead or deal changed: writes the company's rollup when it differs from what was last written. */
  async refresh(workspaceId: string, companyId: string | null): Promise<boolean> {
    if (!companyId) return false;
    const rollup = await this.records.companyRollup(workspaceId, companyId);
    if (!(await this.records.saveCompanyRollup(workspaceId, companyId, rollup))) return false;
    await this.outbox.updateRecord({ workspaceId, plural: 'companies', recordId: companyId, data: companyFields(rollup) });
    return true;
  }

  /** From a company's own event: writes what its record lacks (a new company, or fields edited away in Twenty). */
  async repair(workspaceId: string, companyId: string, written: Readonly<Record<string, unknown>>): Promise<number> {
    const rollup = await this.records.companyRollup(workspaceId, companyId);
    await this.records.saveCompanyRollup(workspaceId, companyId, rollup);
    const changes = changedFields(written, companyFields(rollup));
    if (Object.keys(changes).length > 0) await this.outbox.updateRecord({ workspaceId, plural: 'companies', recordId: companyId, data: changes });
    return Object.keys(changes).length;
  }
}
