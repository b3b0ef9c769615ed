import { ValidationFailure } from 'src/common/errors/validation-failure';
import { hasControlCharacters, isEmail, isVisitorId } from 'src/common/validation/input-rules';

const COLLECT_EVENT_TYPES = ['pageview', 'event', 'form_start', 'form_submit', 'cta', 'identify', 'engagement'] as const;
export type CollectEventType = (typeof COLLECT_EVENT_TYPES)[number];

const MAX_EVENTS_PER_REQUEST = 50;
export const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_PROPERTIES = 30;
const MAX_URL_LENGTH = 2048;
const MAX_PROPERTY_TEXT = 500;
// The site's own user id: stored on the visitor and matched on, so kept to the size of an id.
const MAX_EXTERNAL_ID = 255;
// Beacons sent on pagehide can arrive late, and a queued tab may resend after a while; anything older is a client clock problem.
export const MAX_EVENT_AGE_MS = 7 * 86_400_000;
const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

type PropertyValue = string | number | boolean | null;

export interface CollectedEvent {
  /** The tracker's id for the event; replays with the same id are stored once. */
  id: string | null;
  type: CollectEventType;
  name: string | null;
  url: string;
  referrer: string | null;
  atMs: number;
  /** Sent without `ts`, so `atMs` is when it arrived, and a copy sent again arrives with another time (absent in jobs queued before it existed). */
  stampedOnArrival?: boolean;
  properties: Record<string, PropertyValue>;
}

interface CollectBatch {
  key: string;
  visitorId: string | null;
  events: CollectedEvent[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, field: string, maxLength: number, required: boolean): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ValidationFailure(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw new ValidationFailure(field, 'must be a string');
  if (value.length > maxLength) throw new ValidationFailure(field, `must be at most ${maxLength} characters`);
  if (hasControlCharacters(value)) throw new ValidationFailure(field, 'must not contain control characters');
  return value;
}

function absoluteUrl(value: unknown, field: string, required: boolean): URL | null {
  const url = text(value, field, MAX_URL_LENGTH, required);
  if (url === null) return null;
  try {
    return new URL(url);
  } catch {
    throw new ValidationFailure(field, 'must be an absolute http or https URL');
  }
}

function pageUrl(value: unknown, field: string): string {
  const url = absoluteUrl(value, field, true) as URL;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationFailure(field, 'must be an absolute http or https URL');
  return value as string;
}

/** Apps open pages with referrers such as android-app://com.google.android.gm: real, but not a web page to classify, so dropped. */
function referrerUrl(value: unknown, field: string): string | null {
  const url = absoluteUrl(value, field, false);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? (value as string) : null;
}

function properties(value: unknown, field: string): Record<string, PropertyValue> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new ValidationFailure(field, 'must be an object of strings, numbers, booleans or null');
  const entries = Object.entries(value);
  if (entries.length > MAX_PROPERTIES) throw new ValidationFailure(field, `must have at most ${MAX_PROPERTIES} properties`);
  const result: Record<string, PropertyValue> = {};
  for (const [name, property] of entries) {
    const at = `${field}.${name}`;
    if (name.length === 0 || name.length > 64 || hasControlCharacters(name)) throw new ValidationFailure(at, 'property names must be 1 to 64 printable characters');
    if (typeof property === 'string') result[name] = text(property, at, MAX_PROPERTY_TEXT, false) ?? '';
    else if (typeof property === 'number' && Number.isFinite(property)) result[name] = property;
    else if (typeof property === 'boolean' || property === null) result[name] = property;
    else throw new ValidationFailure(at, 'must be a string, a finite number, a boolean or null');
  }
  return result;
}

function timestamp(value: unknown, field: string, nowMs: number): number {
  if (value === undefined || value === null) return nowMs;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new ValidationFailure(field, 'must be milliseconds since 1970 as a whole number');
  if (value > nowMs + MAX_CLOCK_AHEAD_MS) throw new ValidationFailure(field, 'is in the future');
  if (value < nowMs - MAX_EVENT_AGE_MS) throw new ValidationFailure(field, 'is more than 7 days old');
  return value;
}

/** Rules that only some types have: what an identify or engagement event must carry to mean anything. */
function checkTypeRules(event: CollectedEvent, at: string): void {
  if ((event.type === 'event' || event.type === 'cta') && event.name === null) throw new ValidationFailure(`${at}.name`, `is required for ${event.type} events`);
  if (event.type === 'identify') {
    const { email, externalId } = event.properties;
    if (email === undefined && externalId === undefined) throw new ValidationFailure(`${at}.properties`, 'an identify event needs email or externalId');
    if (email !== undefined && (typeof email !== 'string' || !isEmail(email))) throw new ValidationFailure(`${at}.properties.email`, 'must be an email address');
    if (externalId !== undefined && (typeof externalId !== 'string' || externalId.trim() === '' || externalId.trim().length > MAX_EXTERNAL_ID)) {
      throw new ValidationFailure(`${at}.properties.externalId`, `must be a non-empty string of at most ${MAX_EXTERNAL_ID} characters`);
    }
  }
  if (event.type === 'engagement') {
    const { scroll, engagedMs } = event.properties;
    if (scroll !== undefined && (typeof scroll !== 'number' || scroll < 0 || scroll > 100)) throw new ValidationFailure(`${at}.properties.scroll`, 'must be a percentage from 0 to 100');
    if (engagedMs !== undefined && (typeof engagedMs !== 'number' || engagedMs < 0 || engagedMs > 86_400_000)) {
      throw new ValidationFailure(`${at}.properties.engagedMs`, 'must be milliseconds from 0 to 86400000');
    }
  }
}

/** Checks a /api/collect body field by field; the first problem is thrown naming the field and the rule. */
export function parseCollectBody(body: unknown, nowMs: number): CollectBatch {
  if (!isObject(body)) throw new ValidationFailure('body', 'must be a JSON object {key, visitorId?, events}');
  const key = text(body.key, 'key', 64, true) as string;
  const visitorId = text(body.visitorId, 'visitorId', 64, false);
  if (visitorId !== null && !isVisitorId(visitorId)) throw new ValidationFailure('visitorId', 'must be 8 to 64 letters, digits, - or _');
  if (!Array.isArray(body.events) || body.events.length === 0) throw new ValidationFailure('events', 'must be a non-empty list');
  if (body.events.length > MAX_EVENTS_PER_REQUEST) throw new ValidationFailure('events', `must hold at most ${MAX_EVENTS_PER_REQUEST} events`);
  const events = body.events.map((raw: unknown, index): CollectedEvent => {
    const at = `events[${index}]`;
    if (!isObject(raw)) throw new ValidationFailure(at, 'must be an object {type, url, ...}');
    const id = text(raw.id, `${at}.id`, 64, false);
    if (id !== null && !isVisitorId(id)) throw new ValidationFailure(`${at}.id`, 'must be 8 to 64 letters, digits, - or _');
    if (!COLLECT_EVENT_TYPES.includes(raw.type as CollectEventType)) throw new ValidationFailure(`${at}.type`, `must be one of ${COLLECT_EVENT_TYPES.join(', ')}`);
    const event: CollectedEvent = {
      id,
      type: raw.type as CollectEventType,
      name: text(raw.name, `${at}.name`, 100, false),
      url: pageUrl(raw.url, `${at}.url`),
      referrer: referrerUrl(raw.referrer, `${at}.referrer`),
      atMs: timestamp(raw.ts, `${at}.ts`, nowMs),
      stampedOnArrival: raw.ts === undefined || raw.ts === null,
      properties: properties(raw.properties, `${at}.properties`),
    };
    checkTypeRules(event, at);
    return event;
  });
  return { key, visitorId, events };
}

interface ConsentChoice {
  key: string;
  /** The tracker's visitor id, carried to the short-link host with a yes so the next click joins the same visitor. */
  visitorId: string | null;
  consent: boolean;
}

/** Checks a /api/collect/consent body: {key, visitorId, consent}; a yes needs the visitor id. */
export function parseConsentBody(body: unknown): ConsentChoice {
  if (!isObject(body)) throw new ValidationFailure('body', 'must be a JSON object {key, visitorId, consent}');
  const key = text(body.key, 'key', 64, true) as string;
  if (typeof body.consent !== 'boolean') throw new ValidationFailure('consent', 'must be true or false');
  const visitorId = text(body.visitorId, 'visitorId', 64, body.consent);
  if (visitorId !== null && !isVisitorId(visitorId)) throw new ValidationFailure('visitorId', 'must be 8 to 64 letters, digits, - or _');
  return { key, visitorId, consent: body.consent };
}
