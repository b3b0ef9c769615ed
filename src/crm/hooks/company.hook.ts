import { Injectable } from '@nestjs/common';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

/** company.created / company.updated: the company carries the first-touch source and influenced revenue rolled up from its people and won deals. */
@Injectable()
export class CompanyHook implements CrmHook {
  constructor(private readonly rollups: CompanyRollupService) {}

  async handle(workspaceId: string, event: TwentyWebhookEvent): Promise<string> {
    const written = await this.rollups.repair(workspaceId, event.record);
    return `company ${event.record.id}: ${written} field(s) written back`;
  }
}
