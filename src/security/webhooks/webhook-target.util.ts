import { isIP } from 'node:net';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isIpInRanges, parseCidr } from 'src/common/net/ip-address.util';

const WEBHOOK_EVENTS = ['link.clicked', 'lead.attributed', 'deal.attributed', 'conversion.created', 'campaign.updated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Addresses a webhook must not reach unless the operator allows it: this host, its networks, cloud metadata. */
const NON_PUBLIC_RANGES = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.168.0.0/16', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'ff00::/8', '64:ff9b::/96', '2001:db8::/32',
].map((cidr) => parseCidr(cidr));

export function isNonPublicAddress(ip: string): boolean {
  // IPv4-mapped IPv6 addresses match the IPv4 ranges (isIpInRanges maps them).
  return isIpInRanges(ip, NON_PUBLIC_RANGES);
}

export function webhookEventType(value: string, field = 'eventType'): WebhookEventType {
  if (!(WEBHOOK_EVENTS as readonly string[]).includes(value)) throw new ValidationFailure(field, `must be one of ${WEBHOOK_EVENTS.join(', ')}`);
  return value as WebhookEventType;
}

/**
 * A subscriber's URL: absolute http(s), no credentials, at most 2048 characters, and (unless
 * allowed) not an address literal of a private network. Host names are checked again on every
 * delivery against what they resolve to, as DNS can change after this check.
 */
export function checkWebhookUrl(text: string, allowPrivate: boolean, field = 'url'): string {
  const trimmed = text.trim();
  let url: URL | null;
  try {
    url = trimmed.length <= 2048 ? new URL(trimmed) : null;
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) throw new ValidationFailure(field, 'must be an absolute http or https URL of at most 2048 characters');
  if (url.username || url.password) throw new ValidationFailure(field, 'must not carry a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && ((isIP(host) !== 0 && isNonPublicAddress(host)) || host === 'localhost' || host.endsWith('.localhost'))) {
    throw new ValidationFailure(field, 'must not point at a private, loopback or link-local address');
  }
  return url.toString();
}
