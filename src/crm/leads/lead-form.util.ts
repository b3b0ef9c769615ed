import { ValidationFailure } from 'src/common/errors/validation-failure';

export interface LeadForm {
  email: string;
  firstName: string;
  lastName: string;
  companyName: string | null;
  visitorId: string | null;
  /** Where to send the visitor after a form post (a thank-you page), if the form asked. */
  redirectUrl: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function text(fields: Record<string, unknown>, names: string[], maxLength: number): string | null {
  for (const name of names) {
    const value = fields[name];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new ValidationFailure(name, 'must be text');
    const trimmed = value.trim();
    if (trimmed.length > maxLength) throw new ValidationFailure(name, `must be at most ${maxLength} characters`);
    if (CONTROL_CHARACTERS.test(trimmed)) throw new ValidationFailure(name, 'must not contain control characters');
    if (trimmed !== '') return trimmed;
  }
  return null;
}

/**
 * A lead form as websites post it: `email`, a `name` or `first_name`/`last_name`, `company`, and
 * the visitor id under either spelling (DESIGN.md). Field names follow the form, so errors do too.
 */
export function parseLeadForm(fields: Record<string, unknown>): LeadForm {
  const email = text(fields, ['email'], 320);
  if (!email) throw new ValidationFailure('email', 'is required');
  if (!EMAIL.test(email)) throw new ValidationFailure('email', 'must be an email address');
  const name = text(fields, ['name'], 200);
  const [firstFromName, ...rest] = (name ?? '').split(/\s+/);
  const visitorId = text(fields, ['trackflow_visitor_id', 'trackflowVisitorId'], 64);
  if (visitorId !== null && !VISITOR_ID.test(visitorId)) throw new ValidationFailure(fields.trackflow_visitor_id ? 'trackflow_visitor_id' : 'trackflowVisitorId', 'must be 8 to 64 letters, digits, - or _');
  const redirectUrl = text(fields, ['redirect'], 2048);
  if (redirectUrl !== null && !/^https?:\/\/[^\s/]+/i.test(redirectUrl)) throw new ValidationFailure('redirect', 'must be an absolute http or https URL');
  return {
    email: email.toLowerCase(),
    firstName: text(fields, ['first_name', 'firstName'], 100) ?? firstFromName ?? '',
    lastName: text(fields, ['last_name', 'lastName'], 100) ?? rest.join(' '),
    companyName: text(fields, ['company'], 200),
    visitorId,
    redirectUrl,
  };
}
