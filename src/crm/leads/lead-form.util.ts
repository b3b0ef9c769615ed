import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isEmail, isVisitorId, optionalText } from 'src/common/validation/input-rules';

interface LeadForm {
  email: string;
  firstName: string;
  lastName: string;
  companyName: string | null;
  visitorId: string | null;
  /** Where to send the visitor after a form post (a thank-you page), if the form asked. */
  redirectUrl: string | null;
}

function text(fields: Record<string, unknown>, names: string[], maxLength: number): string | null {
  for (const name of names) {
    const value = fields[name];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new ValidationFailure(name, 'must be text');
    const checked = optionalText(value, name, maxLength);
    if (checked) return checked;
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
  if (!isEmail(email)) throw new ValidationFailure('email', 'must be an email address');
  const name = text(fields, ['name'], 200);
  const [firstFromName, ...rest] = (name ?? '').split(/\s+/);
  const visitorId = text(fields, ['trackflow_visitor_id', 'trackflowVisitorId'], 64);
  if (visitorId !== null && !isVisitorId(visitorId)) throw new ValidationFailure(fields.trackflow_visitor_id ? 'trackflow_visitor_id' : 'trackflowVisitorId', 'must be 8 to 64 letters, digits, - or _');
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
