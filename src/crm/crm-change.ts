/** The CRM's standard records TrackFlow attributes: Lead, Deal and Organization (DESIGN.md). */
export type CrmObject = 'person' | 'opportunity' | 'company';

/** Opaque to the hooks: only the CRM writer (`crm/twenty/crm-writer.service.ts`) reads it. */
export type WrittenFields = Readonly<Record<string, unknown>>;

/** A deal as attribution sees it. */
export interface DealState {
  opportunityId: string;
  stage: string | null;
  amountMicros: bigint | null;
  currencyCode: string;
  pointOfContactId: string | null;
  companyId: string | null;
}

/**
 * Where a change came from. Deliveries, reconciliation pages and the backfill all say it the same
 * way, so the hooks cannot tell them apart and handle a change seen twice once.
 */
export interface ChangeOrigin {
  /** The same for every repetition of one change, whoever brought it. */
  key: string;
  /** When the change was made, never later than now. */
  at: Date;
  /** The workspace member who made it; null for API keys, integrations and unknown authors. */
  by: string | null;
  /**
   * TrackFlow's own fields as the CRM holds them now, in the CRM's shapes: hooks hand them to the
   * CRM writer, which sends only what differs, so the echo of TrackFlow's own write writes nothing.
   */
  written: WrittenFields;
}

export interface PersonChanged extends ChangeOrigin {
  type: 'person.changed';
  personId: string;
  companyId: string | null;
  /** The visitor id a lead form or the tracker put on the person, when it is a well-formed one. */
  visitorId: string | null;
  primaryEmail: string | null;
  /** First and last name as staff search for them; null when Twenty holds neither. */
  displayName: string | null;
  createdAt: Date | null;
  /** The configured lead-status field's value; undefined when the record did not carry the field (it says nothing then). */
  leadStatus: string | null | undefined;
  /** The first touch's campaign and medium as the person shows them (TrackFlow's write-back), logged with a lead status change. */
  sourceCampaign: string | null;
  sourceMedium: string | null;
}

export interface OpportunityChanged extends ChangeOrigin {
  type: 'opportunity.changed';
  deal: DealState;
  /** The deal's name as staff search for it; attribution never reads it. */
  dealName: string | null;
  /** When the opportunity was created in the CRM: the milestone models' opportunity milestone. */
  createdAt: Date | null;
}

export interface CompanyChanged extends ChangeOrigin {
  type: 'company.changed';
  companyId: string;
}

/** Moved to the CRM's trash, destroyed, or found gone by reconciliation: the same for TrackFlow. */
export interface RecordDeleted extends ChangeOrigin {
  type: 'record.deleted';
  object: CrmObject;
  recordId: string;
  companyId: string | null;
}

/** TrackFlow's records that staff may also edit where the CRM shows their copies. */
export type EditableKind = 'campaign' | 'link' | 'variant';

/** A campaign, tracked link or variant edited by staff in the CRM, its values read as TrackFlow's inputs. */
export interface MirroredRecordEdited extends ChangeOrigin {
  type: 'mirror.edited';
  kind: EditableKind;
  recordId: string;
  /** TrackFlow input field → the value the CRM now holds, for the editable fields the change carried. */
  values: Readonly<Record<string, unknown>>;
}

/** A tracked link made in the CRM's own screens, to become a TrackFlow link with the same id. */
export interface TrackedLinkCreated extends ChangeOrigin {
  type: 'link.created';
  linkId: string;
  destinationUrl: string | null;
  title: string | null;
  shortCode: string | null;
  campaignId: string | null;
}

export type CrmChange = PersonChanged | OpportunityChanged | CompanyChanged | RecordDeleted | MirroredRecordEdited | TrackedLinkCreated;
export type CrmChangeType = CrmChange['type'];
export type CrmChangeOf<T extends CrmChangeType> = Extract<CrmChange, { type: T }>;
