import { Injectable } from '@nestjs/common';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { OpportunityChanged } from 'src/crm/crm-change';
import { attributionInputsChanged, dealAttribution } from 'src/crm/hooks/deal-attribution.util';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { SettingsService } from 'src/settings/settings.service';

/**
 * A deal made, edited or restored in the CRM: logs stage moves, records the deal Conversion when
 * the deal reaches a won stage, and attributes the deal (open or won) over its amount with the
 * workspace's default model whenever the amount, the people or the won state changes. The credit
 * goes to Deal Attribution rows (mirrored into Twenty), Deal Link Associations, the opportunity's
 * trackflow* fields and its company's rollup. All of it but the rollup commits in the one
 * transaction holding the record lock, or none of it does: the services taking part run on it,
 * and what they announce (webhooks, the outbox's wake-up jobs) goes out once it has committed.
 */
@Injectable()
export class DealHook implements CrmHook<OpportunityChanged> {
  constructor(
    private readonly records: CrmRecordsRepository,
    private readonly settings: SettingsService,
    private readonly conversions: ConversionsService,
    private readonly attribution: ConversionAttributionService,
    private readonly writer: CrmWriter,
    private readonly outbox: TwentyOutboxService,
    private readonly companies: CompanyRollupService,
  ) {}

  async handle(workspaceId: string, change: OpportunityChanged): Promise<string> {
    const { deal, at } = change;
    const { settings } = await this.settings.get(workspaceId);
    let previousCompanyId: string | null = null;
    const outcome = await this.records.withRecordLock(workspaceId, deal.opportunityId, async (manager) => {
      const before = await this.records.findDeal(manager, workspaceId, deal.opportunityId);
      previousCompanyId = before?.companyId ?? null;
      const stageMoved = deal.stage !== null && deal.stage !== (before?.stage ?? null);
      if (stageMoved) {
        await this.records.logStageChange(manager, workspaceId, {
          opportunityId: deal.opportunityId,
          from: before?.stage ?? null,
          to: deal.stage as string,
          at,
          by: change.by,
          eventKey: change.key,
        });
      }
      const isWon = deal.stage !== null && settings.dealWonStages.includes(deal.stage);
      const wasWon = Boolean(before?.wonAt);
      // A restored deal (deleted in Twenty meanwhile) is attributed again, as it was.
      if (before && !before.deleted && !attributionInputsChanged(before, deal, wasWon, isWon)) {
        await this.records.saveDeal(manager, workspaceId, deal, { wonAt: before.wonAt, conversionId: null, marketingInfluenced: before.marketingInfluenced }, change.dealName, change.createdAt);
        return `deal ${deal.opportunityId}: ${stageMoved ? `stage ${before.stage} → ${deal.stage}, ` : ''}nothing attribution depends on changed`;
      }
      // Moved back from won: the deal conversion (and the rows attributing it) goes; the deal is attributed as an open one below.
      const withdrawn = wasWon && !isWon ? await this.conversions.withdrawDeal(workspaceId, deal.opportunityId, manager) : null;
      // A won deal needs a person to be a Conversion; without a point of contact it is still attributed, as an open deal is.
      const conversion =
        isWon && deal.pointOfContactId
          ? await this.conversions.record(workspaceId, {
              conversionType: 'deal',
              opportunityId: deal.opportunityId,
              personId: deal.pointOfContactId,
              value: deal.amountMicros ?? 0n,
              currencyCode: deal.currencyCode,
              convertedAt: before?.wonAt ?? at,
            }, manager)
          : null;
      const { result, model, changedRowIds } = await this.attribution.attributeUnderDefault(workspaceId, {
        id: conversion?.id ?? null,
        opportunityId: deal.opportunityId,
        visitorId: null,
        personId: deal.pointOfContactId,
        companyId: deal.companyId,
        valueMicros: deal.amountMicros ?? 0n,
        currencyCode: deal.currencyCode,
        convertedAt: conversion?.convertedAt ?? at,
      }, manager);
      await this.records.saveDeal(manager, workspaceId, deal, { wonAt: isWon ? (before?.wonAt ?? at) : null, conversionId: conversion?.id ?? null, marketingInfluenced: result.marketingInfluenced }, change.dealName, change.createdAt);
      await this.records.replaceLinkAssociations(manager, workspaceId, deal.opportunityId, result.rows.map((row) => ({ trackedLinkId: row.touchpoint.trackedLinkId ?? null, weight: row.weight })));
      const written = await this.writer.updateOpportunityAttribution(workspaceId, deal.opportunityId, dealAttribution(model.name, result.rows), change.written, manager);
      await this.outbox.syncMirror(workspaceId, 'dealAttribution', [...changedRowIds, ...(withdrawn?.dealAttributionIds ?? [])], manager);
      if (conversion) await this.outbox.syncMirror(workspaceId, 'conversion', [conversion.id], manager);
      if (withdrawn) await this.outbox.syncMirror(workspaceId, 'conversion', [withdrawn.conversionId], manager);
      return `deal ${deal.opportunityId}${conversion ? ` won (conversion ${conversion.id})` : withdrawn ? ` no longer won (conversion ${withdrawn.conversionId} withdrawn)` : ''}: ${result.rows.length} touch(es) under ${model.modelType}, ${written} field(s) written back`;
    });
    // Rollups read committed deal rows, so they run once the lock's transaction is over.
    await this.companies.refresh(workspaceId, deal.companyId);
    if (previousCompanyId !== deal.companyId) await this.companies.refresh(workspaceId, previousCompanyId);
    return outcome;
  }
}
