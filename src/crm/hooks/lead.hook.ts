import { Injectable } from '@nestjs/common';
import type { Transaction } from 'src/common/database/transaction';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { PersonChanged } from 'src/crm/crm-change';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { emailHash } from 'src/tracking/identity/email-hash.util';
import { VisitorIdentityService } from 'src/tracking/visitors/visitor-identity.service';
import { leadJourney } from 'src/crm/hooks/lead-journey.util';

/**
 * A person made, edited or restored in the CRM: a person who carries a visitor id (or an email a visitor
 * identified with) becomes that visitor's lead: the visitor is linked to the person, a lead
 * Conversion is recorded once per person (and mirrored), and it is attributed with the workspace's
 * default model. Every person's company is remembered for deal journeys and company rollups, and
 * a change of the lead status field named in settings is logged. All of it but the company rollup
 * commits in the one transaction holding the person's record lock, or none of it does, as the deal
 * hook's work; what it announces (webhooks, the outbox's wake-up jobs) goes out once it has committed.
 */
@Injectable()
export class LeadHook implements CrmHook<PersonChanged> {
  constructor(
    private readonly visitors: VisitorIdentityService,
    private readonly conversions: ConversionsService,
    private readonly attribution: ConversionAttributionService,
    private readonly writer: CrmWriter,
    private readonly outbox: TwentyOutboxService,
    private readonly records: CrmRecordsRepository,
    private readonly companies: CompanyRollupService,
  ) {}

  async handle(workspaceId: string, person: PersonChanged): Promise<string> {
    const outcome = await this.records.withRecordLock(workspaceId, person.personId, async (transaction) => {
      const statusChange = await this.rememberPerson(transaction, workspaceId, person);
      const lead = await this.attributeLead(transaction, workspaceId, person);
      return statusChange ? `${lead}; ${statusChange}` : lead;
    });
    // Rollups read committed rows, so they run once the lock's transaction is over.
    await this.companies.refresh(workspaceId, person.companyId);
    return outcome;
  }

  /** Saves the person's company and lead status; returns what status change was logged, if any. */
  private async rememberPerson(transaction: Transaction, workspaceId: string, person: PersonChanged): Promise<string | null> {
    const status = person.leadStatus;
    const { previousStatus } = await this.records.savePerson(transaction, workspaceId, person.personId, person.companyId, status, {
      displayName: person.displayName,
      emailHash: person.primaryEmail ? emailHash(workspaceId, person.primaryEmail) : null,
    });
    if (!status || status === previousStatus) return null;
    await this.records.logLeadStatusChange(transaction, workspaceId, {
      personId: person.personId,
      from: previousStatus,
      to: status,
      at: person.at,
      by: person.by,
      sourceCampaign: person.sourceCampaign,
      sourceMedium: person.sourceMedium,
      eventKey: person.key,
    });
    return `lead status ${previousStatus ?? '(none)'} → ${status}`;
  }

  private async attributeLead(transaction: Transaction, workspaceId: string, person: PersonChanged): Promise<string> {
    const visitorId = await this.findVisitor(workspaceId, person);
    if (!visitorId) return 'no visitor id or known email on the person';
    await this.visitors.linkPerson(workspaceId, visitorId, person.personId, transaction);
    const createdAt = person.createdAt ?? person.at;
    const conversion = await this.conversions.record(
      workspaceId,
      { conversionType: 'lead', visitorId, personId: person.personId, convertedAt: new Date(Math.min(createdAt.getTime(), Date.now())) },
      transaction,
    );
    const { result, model } = await this.attribution.attributeUnderDefault(workspaceId, conversion, transaction);
    // Our own update comes back as a change of the person; only what differs is written, so that echo writes nothing.
    const written = await this.writer.updatePersonAttribution(workspaceId, person.personId, { visitorId, ...leadJourney(result.rows) }, person.written, transaction);
    if (written > 0) {
      // The conversion's copy changes with the person's story; an echo of our own write leaves both as they are.
      await this.outbox.syncMirror(workspaceId, 'conversion', [conversion.id], transaction);
    }
    return `lead ${conversion.id} of visitor ${visitorId}: ${result.rows.length} touch(es) under ${model.modelType}, ${written} field(s) written back`;
  }

  /** The visitor the person names, else the one that identified with the person's email; merged visitors resolve to the survivor. */
  private async findVisitor(workspaceId: string, { visitorId, primaryEmail }: PersonChanged): Promise<string | null> {
    if (!visitorId && !primaryEmail) return null;
    const known = await this.visitors.findForPerson(workspaceId, visitorId, primaryEmail ? emailHash(workspaceId, primaryEmail) : null);
    // A visitor id from a form we have never seen (no click, no tracker yet) still makes a lead: the conversion creates it.
    return known ?? visitorId;
  }
}
