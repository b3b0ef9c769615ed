import { Injectable } from '@nestjs/common';
import { WrittenFields } from 'src/crm/crm-change';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';

/** Keeps a company's trackflow* fields in step with its people's journeys and its won deals. */
@Injectable()
export class CompanyRollupService {
  constructor(
    private readonly records: CrmRecordsRepository,
    private readonly writer: CrmWriter,
  ) {}

  /** After a lead or deal changed: writes the company's rollup when it differs from what was last written. */
  async refresh(workspaceId: string, companyId: string | null): Promise<boolean> {
    if (!companyId) return false;
    const rollup = await this.records.companyRollup(workspaceId, companyId);
    if (!(await this.records.saveCompanyRollup(workspaceId, companyId, rollup))) return false;
    await this.writer.updateCompanyRollup(workspaceId, companyId, rollup);
    return true;
  }

  /** From a company's own event: writes what its record lacks (a new company, or fields edited away in Twenty). */
  async repair(workspaceId: string, companyId: string, written: WrittenFields): Promise<number> {
    const rollup = await this.records.companyRollup(workspaceId, companyId);
    await this.records.saveCompanyRollup(workspaceId, companyId, rollup);
    return this.writer.updateCompanyRollup(workspaceId, companyId, rollup, written);
  }
}
