import { createHash } from 'node:crypto';
import { ValidationFailure } from 'src/common/errors/validation-failure';

/** A Twenty webhook delivery: one record per request (DESIGN.md, Twenty's contracts). */
export interface TwentyWebhookEvent {
  eventName: string;
  objectMetadata: { id: string; nameSingular: string };
  workspaceId: string;
  webhookId: string;
  eventDate: string;
  record: Record<string, unknown> & { id: string };
  updatedFields?: string[];
  /** The workspace member who made the change, when a person did (D1); absent for API keys and reconciled changes. */
  workspaceMemberId?: string;
}

const EVENT_NAME = /^[a-z][A-Za-z0-9]*\.(created|updated|deleted|destroyed|restored|upserted)$/;
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function requiredText(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new ValidationFailure(field, 'is required and must be a string');
  return value;
}

export function parseTwentyWebhook(body: unknown): TwentyWebhookEvent {
  if (!isObject(body)) throw new ValidationFailure('body', 'must be a JSON object');
  const eventName = requiredText(body, 'eventName');
  if (!EVENT_NAME.test(eventName)) throw new ValidationFailure('eventName', 'must look like <object>.<created|updated|deleted|destroyed>');
  const workspaceId = requiredText(body, 'workspaceId');
  const webhookId = requiredText(body, 'webhookId');
  const eventDate = requiredText(body, 'eventDate');
  if (Number.isNaN(Date.parse(eventDate))) throw new ValidationFailure('eventDate', 'must be an ISO date');
  const { objectMetadata, record, updatedFields, workspaceMemberId } = body;
  if (!isObject(objectMetadata) || typeof objectMetadata.nameSingular !== 'string') throw new ValidationFailure('objectMetadata.nameSingular', 'is required');
  if (!isObject(record) || typeof record.id !== 'string' || record.id === '') throw new ValidationFailure('record.id', 'is required');
  if (updatedFields !== undefined && (!Array.isArray(updatedFields) || updatedFields.some((field) => typeof field !== 'string'))) {
    throw new ValidationFailure('updatedFields', 'must be a list of field names');
  }
  return {
    eventName,
    objectMetadata: { id: String(objectMetadata.id ?? ''), nameSingular: objectMetadata.nameSingular },
    workspaceId,
    webhookId,
    eventDate,
    record: record as TwentyWebhookEvent['record'],
    updatedFields: updatedFields as string[] | undefined,
    ...(typeof workspaceMemberId === 'string' && workspaceMemberId !== '' ? { workspaceMemberId } : {}),
  };
}

/** What identifies one change whoever repeats its delivery (each post carries a new nonce, so the nonce cannot). */
export function deliveryKey(event: TwentyWebhookEvent): string {
  return createHash('sha256').update([event.webhookId, event.record.id, event.eventName, event.eventDate].join('|')).digest('hex');
}
