import { Injectable } from '@nestjs/common';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { RecordDeleted } from 'src/crm/crm-change';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';

/**
 * A person, deal or company deleted in the CRM (trash or destroyed, or found gone): what hangs on the record
 * stops counting in every report (its conversions and deal attribution rows go, their copies in
 * Twenty too) and a deleted person's visitors are theirs no longer. Nothing is erased: the
 * visitors, their clicks and events stay, and a restore (a change like any other, run by
 * the lead, deal and company hooks) brings the attribution back, a deal's with the day it was won.
 */
@Injectable()
export class CrmDeleteHook implements CrmHook<RecordDeleted> {
  constructor(
    private readonly records: CrmRecordsRepository,
    private readonly conversions: ConversionsService,
    private readonly attribution: ConversionAttributionService,
    private readonly writer: CrmWriter,
    private readonly outbox: TwentyOutboxService,
    private readonly companies: CompanyRollupService,
    private readonly visitors: VisitorIdentityService,
  ) {}

  async handle(workspaceId: string, { object, recordId: id, companyId }: RecordDeleted): Promise<string> {
    // Fields waiting to be written back would only fail on a record that is gone, or bring back one in the trash.
    await this.writer.forgetRecord(workspaceId, object, id);
    if (object === 'opportunity') return this.forgetDeal(workspaceId, id, companyId);
    if (object === 'person') {
      const withdrawn = await this.conversions.withdrawPerson(workspaceId, id);
      const unlinked = await this.visitors.unlinkPerson(workspaceId, id);
      await this.records.forgetPerson(workspaceId, id);
      await this.outbox.syncMirror(workspaceId, 'conversion', withdrawn.conversionIds);
      await this.outbox.syncMirror(workspaceId, 'dealAttribution', withdrawn.dealAttributionIds);
      await this.companies.refresh(workspaceId, companyId);
      return `person ${id} deleted in Twenty: ${withdrawn.conversionIds.length} conversion(s) withdrawn, ${unlinked} visitor(s) unlinked`;
    }
    await this.records.forgetCompany(workspaceId, id);
    return `company ${id} deleted in Twenty: forgotten`;
  }

  private async forgetDeal(workspaceId: string, opportunityId: string, companyId: string | null): Promise<string> {
    const outcome = await this.records.withRecordLock(workspaceId, opportunityId, async (manager) => {
      const withdrawn = await this.conversions.withdrawDeal(workspaceId, opportunityId);
      const rows = [...(withdrawn?.dealAttributionIds ?? []), ...(await this.attribution.forgetDeal(workspaceId, opportunityId))];
      await this.records.replaceLinkAssociations(workspaceId, opportunityId, []);
      await this.records.markDealDeleted(manager, workspaceId, opportunityId);
      await this.outbox.syncMirror(workspaceId, 'dealAttribution', rows);
      if (withdrawn) await this.outbox.syncMirror(workspaceId, 'conversion', [withdrawn.conversionId]);
      return `deal ${opportunityId} deleted in Twenty: ${withdrawn ? 'its conversion and ' : ''}${rows.length} attribution row(s) withdrawn`;
    });
    await this.companies.refresh(workspaceId, companyId);
    return outcome;
  }
}
