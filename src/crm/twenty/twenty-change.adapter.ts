import { CAMPAIGN, LINK_VARIANT, TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isVisitorId } from 'src/common/validation/input-rules';
import { ChangeOrigin, CrmChange, CrmObject, DealState, EditableKind } from 'src/crm/crm-change';
import { deliveryKey, TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';

/**
 * The one place that reads Twenty's record JSON (docs/twenty-contracts.md, R8, D1) into the
 * changes TrackFlow's hooks consume: composite fields, join columns, both spellings of the visitor
 * field, micros as numbers or digit strings. Deliveries and reconciliation pages come through here
 * alike.
 */
type TwentyRecord = TwentyWebhookEvent['record'];
type Json = Record<string, unknown>;

type ChangeReading = {
  /** The person field that holds the lead status, from the workspace's settings; null when none is tracked. */
  leadStatusField: string | null;
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
/** A value TrackFlow wrote itself, read back as it was written. */
const writtenText = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const composite = (value: unknown, subField: string) => (value !== null && typeof value === 'object' ? (value as Json)[subField] : undefined);
const instant = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null);

const DELETING_ACTIONS = new Set(['deleted', 'destroyed']);
const CHANGING_ACTIONS = new Set(['created', 'updated', 'restored', 'upserted']);
const STANDARD_OBJECTS = new Set(['person', 'opportunity', 'company']);

const EDITABLE_KIND_OF_OBJECT: Readonly<Record<string, EditableKind>> = { [CAMPAIGN.nameSingular]: 'campaign', [TRACKED_LINK.nameSingular]: 'link', [LINK_VARIANT.nameSingular]: 'variant' };

/** Campaign dates are calendar days, mirrored as midnight UTC. */
const day = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString().slice(0, 10) : null);
const micros = (value: unknown) => {
  const amount = composite(value, 'amountMicros');
  return amount === null || amount === undefined || amount === '' ? null : BigInt(String(amount));
};
const url = (value: unknown) => text(composite(value, 'primaryLinkUrl'));
const asIs = (value: unknown) => value ?? null;

/** The fields staff may edit in Twenty, by kind: Twenty's field name → [TrackFlow's input field, how to read it]. */
const EDITABLE: Readonly<Record<EditableKind, Readonly<Record<string, [string, (value: unknown) => unknown]>>>> = {
  campaign: {
    name: ['name', text],
    campaignType: ['campaignType', asIs],
    status: ['status', asIs],
    startDate: ['startDate', day],
    endDate: ['endDate', day],
    source: ['source', text],
    medium: ['medium', text],
    budget: ['budget', micros],
  },
  link: { name: ['title', text], destinationUrl: ['destinationUrl', url], status: ['status', asIs] },
  variant: { variantName: ['variantName', text], destinationUrl: ['destinationUrl', url], weight: ['weight', asIs], active: ['active', asIs] },
};

/**
 * The editable fields a Twenty record of this kind carries, read as TrackFlow inputs. TrackFlow's
 * own copy goes through the same reading, so format differences (a number or a string of micros,
 * a date with or without time) are no edit.
 */
export function editableValuesOf(kind: EditableKind, record: Json): Record<string, unknown> {
  return Object.fromEntries(Object.entries(EDITABLE[kind]).flatMap(([twentyField, [inputField, read]]) => (twentyField in record ? [[inputField, read(record[twentyField])]] : [])));
}

/** What attribution needs of a Twenty opportunity; an amount Twenty would never send is refused, not guessed. */
export function dealStateOf(record: TwentyRecord): DealState {
  const amountMicros = composite(record.amount, 'amountMicros');
  if (amountMicros !== undefined && amountMicros !== null && !(typeof amountMicros === 'number' ? Number.isSafeInteger(amountMicros) : typeof amountMicros === 'string' && /^\d+$/.test(amountMicros))) {
    throw new ValidationFailure('record.amount.amountMicros', 'must be a whole number of micros');
  }
  const amount = amountMicros === undefined || amountMicros === null ? null : BigInt(amountMicros as number | string);
  if (amount !== null && amount < 0n) throw new ValidationFailure('record.amount.amountMicros', 'must not be negative');
  const currencyCode = text(composite(record.amount, 'currencyCode')) ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currencyCode)) throw new ValidationFailure('record.amount.currencyCode', 'must be an ISO 4217 code like USD');
  return { opportunityId: record.id, stage: text(record.stage), amountMicros: amount, currencyCode, pointOfContactId: text(record.pointOfContactId), companyId: text(record.companyId) };
}

/** Lead forms may send either spelling (DESIGN.md); Twenty's field is trackflowVisitorId. */
function visitorIdOf(person: TwentyRecord): string | null {
  const value = person.trackflowVisitorId ?? person.trackflow_visitor_id;
  return typeof value === 'string' && isVisitorId(value) ? value : null;
}

/** EMAILS is `{primaryEmail, additionalEmails}` (R8); a value without @ is no address. */
export function primaryEmailOf(person: Record<string, unknown>): string | null {
  const email = composite(person.emails, 'primaryEmail');
  return typeof email === 'string' && email.includes('@') ? email : null;
}

/** FULL_NAME is `{firstName, lastName}` (R8). */
function displayNameOf(person: TwentyRecord): string | null {
  return text([text(composite(person.name, 'firstName')), text(composite(person.name, 'lastName'))].filter(Boolean).join(' '));
}

/** TrackFlow's own fields on the record: what its write-backs compare with. */
const writtenFieldsOf = (record: TwentyRecord) => Object.fromEntries(Object.entries(record).filter(([field]) => /^trackflow[A-Z]/.test(field)));

/** Twenty's event as TrackFlow's change; null for events TrackFlow has no use for. */
export function crmChangeOf(event: TwentyWebhookEvent, reading: ChangeReading): CrmChange | null {
  const object = event.objectMetadata.nameSingular;
  const action = event.eventName.slice(event.eventName.indexOf('.') + 1);
  const { record } = event;
  const origin: ChangeOrigin = {
    key: deliveryKey(event),
    // A sender's clock ahead of ours must not date a change in the future.
    at: new Date(Math.min(Date.parse(event.eventDate), Date.now())),
    by: event.workspaceMemberId ?? null,
    written: writtenFieldsOf(record),
  };
  if (STANDARD_OBJECTS.has(object) && DELETING_ACTIONS.has(action)) {
    return { ...origin, type: 'record.deleted', object: object as CrmObject, recordId: record.id, companyId: text(record.companyId) };
  }
  if (CHANGING_ACTIONS.has(action)) {
    if (object === 'person') {
      const { leadStatusField } = reading;
      return {
        ...origin,
        type: 'person.changed',
        personId: record.id,
        companyId: text(record.companyId),
        visitorId: visitorIdOf(record),
        primaryEmail: primaryEmailOf(record),
        displayName: displayNameOf(record),
        createdAt: instant(record.createdAt),
        leadStatus: leadStatusField && leadStatusField in record ? text(record[leadStatusField]) : undefined,
        sourceCampaign: writtenText(record.trackflowCampaign),
        sourceMedium: writtenText(record.trackflowMedium),
      };
    }
    if (object === 'opportunity') return { ...origin, type: 'opportunity.changed', deal: dealStateOf(record), dealName: text(record.name), createdAt: instant(record.createdAt) };
    if (object === 'company') return { ...origin, type: 'company.changed', companyId: record.id };
  }
  if (object === TRACKED_LINK.nameSingular && action === 'created') {
    return {
      ...origin,
      type: 'link.created',
      linkId: record.id,
      destinationUrl: url(record.destinationUrl),
      title: text(record.name),
      shortCode: text(record.shortCode),
      campaignId: text(record.campaignId),
    };
  }
  const kind = EDITABLE_KIND_OF_OBJECT[object];
  if (kind && action === 'updated') return { ...origin, type: 'mirror.edited', kind, recordId: record.id, values: editableValuesOf(kind, record) };
  return null;
}
