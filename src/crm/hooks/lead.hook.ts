import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversionAttributionService } from 'src/attribution/conversion-attribution.service';
import { ConversionsService } from 'src/attribution/conversions/conversions.service';
import { isVisitorId } from 'src/common/validation/input-rules';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { deliveryKey, TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { CrmRecordsRepository } from 'src/crm/crm-records.repository';
import { CompanyRollupService } from 'src/crm/hooks/company-rollup.service';
import { SettingsService } from 'src/settings/settings.service';
import { emailHash } from 'src/tracking/identity/email-hash.util';
import { changedFields, leadFields } from 'src/crm/hooks/lead-fields.util';

/** Lead forms may send either spelling (DESIGN.md); Twenty's field is trackflowVisitorId. */
function visitorIdOf(person: Record<string, unknown>): string | null {
  const value = person.trackflowVisitorId ?? person.trackflow_visitor_id;
  return typeof value === 'string' && isVisitorId(value) ? value : null;
}

function primaryEmailOf(person: Record<string, unknown>): string | null {
  const emails = person.emails as { primaryEmail?: unknown } | undefined;
  return typeof emails?.primaryEmail === 'string' && emails.primaryEmail.includes('@') ? emails.primaryEmail : null;
}

const textOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * person.created / person.updated: a person who carries a visitor id (or an email a visitor
 * identified with) becomes that visitor's lead: the visitor is linked to the person, a lead
 * Conversion is recorded once per person (and mirrored), and it is attributed with the workspace's
 * default model. Every person's company is remembered for deal journeys and company rollups, and
 * a change of the lead status field named in settings is logged.
 */
@Injectable()
export class LeadHook implements CrmHook {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conversions: ConversionsService,
    private readonly attribution: ConversionAttributionService,
    private readonly outbox: TwentyOutboxService,
    private readonly records: CrmRecordsRepository,
    private readonly settings: SettingsService,
    private readonly companies: CompanyRollupService,
  ) {}

  async handle(workspaceId: string, event: TwentyWebhookEvent): Promise<string> {
    const person = event.record;
    const statusChange = await this.rememberPerson(workspaceId, event);
    const outcome = await this.attributeLead(workspaceId, event);
    await this.companies.refresh(workspaceId, textOf(person.companyId));
    return statusChange ? `${outcome}; ${statusChange}` : outcome;
  }

  /** Saves the person's company and lead status; returns what status change was logged, if any. */
  private async rememberPerson(workspaceId: string, event: TwentyWebhookEvent): Promise<string | null> {
    const person = event.record;
    const { settings } = await this.settings.get(workspaceId);
    const statusField = settings.leadStatusField;
    // Only a record that carries the field says anything about the status.
    const status = statusField && statusField in person ? textOf(person[statusField]) : undefined;
    return this.records.withRecordLock(workspaceId, person.id, async (manager) => {
      const { previousStatus } = await this.records.savePerson(manager, workspaceId, person.id, textOf(person.companyId), status);
      if (!status || status === previousStatus) return null;
      await this.records.logLeadStatusChange(manager, workspaceId, {
        personId: person.id,
        from: previousStatus,
        to: status,
        at: new Date(Math.min(Date.parse(event.eventDate), Date.now())),
        by: event.workspaceMemberId ?? null,
        sourceCampaign: textOf(person.trackflowCampaign),
        sourceMedium: textOf(person.trackflowMedium),
        eventKey: deliveryKey(event),
      });
      return `lead status ${previousStatus ?? '(none)'} → ${status}`;
    });
  }

  private async attributeLead(workspaceId: string, event: TwentyWebhookEvent): Promise<string> {
    const person = event.record;
    const visitorId = await this.findVisitor(workspaceId, person);
    if (!visitorId) return 'no visitor id or known email on the person';
    await this.dataSource.query(`UPDATE trackflow.visitor SET person_id = COALESCE(person_id, $3), updated_at = now() WHERE workspace_id = $1 AND visitor_id = $2`, [
      workspaceId,
      visitorId,
      person.id,
    ]);
    const createdAt = typeof person.createdAt === 'string' && !Number.isNaN(Date.parse(person.createdAt)) ? new Date(person.createdAt) : new Date(event.eventDate);
    const conversion = await this.conversions.record(workspaceId, { conversionType: 'lead', visitorId, personId: person.id, convertedAt: new Date(Math.min(createdAt.getTime(), Date.now())) });
    const { result, model } = await this.attribution.attributeAndStore(workspaceId, conversion.id);
    // Our own update comes back as person.updated; only what differs is written, so that echo writes nothing.
    const changes = changedFields(person, { trackflowVisitorId: visitorId, ...leadFields(result.rows) });
    if (Object.keys(changes).length > 0) {
      await this.outbox.updateRecord({ workspaceId, plural: 'people', recordId: person.id, data: changes });
      // The conversion's copy changes with the person's story; an echo of our own write leaves both as they are.
      await this.outbox.syncMirror(workspaceId, 'conversion', [conversion.id]);
    }
    return `lead ${conversion.id} of visitor ${visitorId}: ${result.rows.length} touch(es) under ${model.modelType}, ${Object.keys(changes).length} field(s) written back`;
  }

  /** The visitor the person names, else the one that identified with the person's email; merged visitors resolve to the survivor. */
  private async findVisitor(workspaceId: string, person: Record<string, unknown>): Promise<string | null> {
    const visitorId = visitorIdOf(person);
    const email = primaryEmailOf(person);
    if (!visitorId && !email) return null;
    const rows: { visitor_id: string }[] = await this.dataSource.query(
      `SELECT COALESCE(merged_into_visitor_id, visitor_id) AS visitor_id FROM trackflow.visitor
       WHERE workspace_id = $1 AND (visitor_id = $2 OR ($2::text IS NULL AND email_hash = $3))
       ORDER BY first_seen LIMIT 1`,
      [workspaceId, visitorId, email ? emailHash(workspaceId, email) : null],
    );
    // A visitor id from a form we have never seen (no click, no tracker yet) still makes a lead: the conversion creates it.
    return rows[0]?.visitor_id ?? visitorId;
  }
}
