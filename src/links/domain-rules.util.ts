import { ValidationFailure } from 'src/common/errors/validation-failure';

// Headers that decide where and how the redirect answers are ours alone; a domain may not override them.
const PROTECTED_HEADERS = new Set([
  'location', 'set-cookie', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'host',
  'keep-alive', 'upgrade', 'trailer', 'te', 'proxy-authenticate', 'www-authenticate', 'date', 'cache-control',
]);

export function validateDomainName(value: string, field = 'domain'): string {
  const domain = value.trim().toLowerCase().replace(/\.$/, '');
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  if (domain.length > 253 || !new RegExp(`^(?:${label}\\.)+${label}$|^localhost$`).test(domain)) {
    throw new ValidationFailure(field, 'must be a host name such as go.example.com (no scheme, port or path)');
  }
  return domain;
}

export function validateHeader(name: string, value: string, index: number): [string, string] {
  const field = `headers[${index}]`;
  const headerName = name.trim();
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(headerName)) throw new ValidationFailure(`${field}.name`, 'must be an HTTP header token of at most 64 characters');
  if (PROTECTED_HEADERS.has(headerName.toLowerCase())) throw new ValidationFailure(`${field}.name`, `${headerName} is set by TrackFlow and cannot be configured`);
  if (/[\r\n\u0000]/.test(value) || value.length > 1024) throw new ValidationFailure(`${field}.value`, 'must be one line of at most 1024 characters');
  return [headerName, value.trim()];
}
