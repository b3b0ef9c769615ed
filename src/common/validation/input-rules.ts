import { ValidationFailure } from 'src/common/errors/validation-failure';

// Control characters never belong in names or UTM values and would corrupt URLs and headers.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const hasControlCharacters = (text: string): boolean => CONTROL_CHARACTERS.test(text);

export function requiredText(value: string | undefined | null, field: string, maxLength = 255): string {
  const text = (value ?? '').trim();
  if (text === '') throw new ValidationFailure(field, 'is required and must not be blank');
  return checkText(text, field, maxLength);
}

/** undefined means "not given" (keep), null or blank means "clear". */
export function optionalText(value: string | undefined | null, field: string, maxLength = 255): string | null | undefined {
  if (value === undefined) return undefined;
  const text = (value ?? '').trim();
  return text === '' ? null : checkText(text, field, maxLength);
}

function checkText(text: string, field: string, maxLength: number): string {
  if (text.length > maxLength) throw new ValidationFailure(field, `must be at most ${maxLength} characters`);
  if (CONTROL_CHARACTERS.test(text)) throw new ValidationFailure(field, 'must not contain control characters');
  return text;
}

export function optionalIsoDate(value: string | undefined | null, field: string): string | null | undefined {
  if (value === undefined || value === null || value.trim() === '') return value === undefined ? undefined : null;
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new ValidationFailure(field, 'must be a calendar date written YYYY-MM-DD');
  return text;
}

export function currencyCode(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new ValidationFailure(field, 'must be a three-letter ISO 4217 currency code such as USD');
  return code;
}

export function nonNegativeMicros(value: bigint | null | undefined, field: string): bigint | null | undefined {
  if (value !== undefined && value !== null && value < 0n) throw new ValidationFailure(field, 'must not be negative');
  return value;
}

export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw new ValidationFailure(field, 'must be a UUID');
  return value.toLowerCase();
}

/** Extra query parameters: a flat object of short strings, at most 30 of them. */
export function stringRecord(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationFailure(field, 'must be an object whose values are strings');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 30) throw new ValidationFailure(field, 'must have at most 30 parameters');
  const record: Record<string, string> = {};
  for (const [key, raw] of entries) {
    if (!/^[A-Za-z0-9_.\-[\]]{1,64}$/.test(key)) throw new ValidationFailure(`${field}.${key}`, 'parameter names may use letters, digits, _ . - [ ] and at most 64 characters');
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw new ValidationFailure(`${field}.${key}`, 'must be a string');
    record[key] = checkText(String(raw), `${field}.${key}`, 512);
  }
  return record;
}

/** Bounds check for whole numbers; undefined (not given) passes through. */
export function wholeNumber<T extends number | undefined>(value: T, field: string, min: number, max: number): T {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < min || (value as number) > max)) {
    throw new ValidationFailure(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
export const isEmail = (value: string): boolean => EMAIL.test(value);

/** Our visitor and client event ids: what tf_vid, the tracker and lead forms may carry. */
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const isVisitorId = (value: string): boolean => VISITOR_ID.test(value);
