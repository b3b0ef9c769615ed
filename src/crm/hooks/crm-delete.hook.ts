import { Injectable } from '@nestjs/common';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import type { Transaction } from 'src/common/database/transaction';
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

  /** What hangs on the record goes in one transaction holding its lock; company rollups read the committed rows after it. */
  async handle(workspaceId: string, { object, recordId: id, companyId }: RecordDeleted): Promise<string> {
    const outcome = await this.records.withRecordLock(workspaceId, id, async (transaction) => {
      // Fields waiting to be written back would only fail on a record that is gone, or bring back one in the trash.
      await this.writer.forgetRecord(workspaceId, object, id, transaction);
      if (object === 'opportunity') return this.forgetDeal(transaction, workspaceId, id);
      if (object === 'person') return this.forgetPerson(transaction, workspaceId, id);
      await this.records.forgetCompany(transaction, workspaceId, id);
      return `company ${id} deleted in Twenty: forgotten`;
    });
    if (object !== 'company') await this.companies.refresh(workspaceId, companyId);
    return outcome;
  }

  private async forgetPerson(transaction: Transaction, workspaceId: string, personId: string): Promise<string> {
    const withdrawn = await this.conversions.withdrawPerson(workspaceId, personId, transaction);
    const unlinked = await this.visitors.unlinkPerson(workspaceId, personId, transaction);
    await this.records.forgetPerson(transaction, workspaceId, personId);
    await this.outbox.syncMirror(workspaceId, 'conversion', withdrawn.conversionIds, transaction);
    await this.outbox.syncMirror(workspaceId, 'dealAttribution', withdrawn.dealAttributionIds, transaction);
    return `person ${personId} deleted in Twenty: ${withdrawn.conversionIds.length} conversion(s) withdrawn, ${unlinked} visitor(s) unlinked`;
  }

  private async forgetDeal(transaction: Transaction, workspaceId: string, opportunityId: string): Promise<string> {
    const withdrawn = await this.conversions.withdrawDeal(workspaceId, opportunityId, transaction);
    const rows = [...(withdrawn?.dealAttributionIds ?? []), ...(await this.attribution.forgetDeal(workspaceId, opportunityId, transaction))];
    await this.records.replaceLinkAssociations(transaction, workspaceId, opportunityId, []);
    await this.records.markDealDeleted(transaction, workspaceId, opportunityId);
    await this.outbox.syncMirror(workspaceId, 'dealAttribution', rows, transaction);
    if (withdrawn) await this.outbox.syncMirror(workspaceId, 'conversion', [withdrawn.conversionId], transaction);
    return `deal ${opportunityId} deleted in Twenty: ${withdrawn ? 'its conversion and ' : ''}${rows.length} attribution row(s) withdrawn`;
  }
}
