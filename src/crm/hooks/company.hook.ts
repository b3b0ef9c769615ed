import { Injectable } from '@nestjs/common';
import { CompanyChanged } from 'src/crm/crm-change';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';

/** A company made, edited or restored in the CRM carries the first-touch source and influenced revenue rolled up from its people and won deals. */
@Injectable()
export class CompanyHook implements CrmHook<CompanyChanged> {
  constructor(private readonly rollups: CompanyRollupService) {}

  async handle(workspaceId: string, change: CompanyChanged): Promise<string> {
    const written = await this.rollups.repair(workspaceId, change.companyId, change.written);
    return `company ${change.companyId}: ${written} field(s) written back`;
  }
}
