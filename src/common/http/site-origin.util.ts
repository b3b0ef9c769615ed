import { ValidationFailure } from 'src/common/errors/validation-failure';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * A site allowed to send events: a host name (`example.com` also allows `www.example.com`) or an
 * IPv4 address, with an optional port (`localhost:8080` allows that port only). Schemes and paths
 * are dropped, as a marketer may paste a whole URL.
 */
export function normaliseSiteDomain(value: string, field: string): string {
  let text = value.trim().toLowerCase();
  if (/^https?:\/\//.test(text)) {
    try {
      text = new URL(text).host;
    } catch {
      throw new ValidationFailure(field, 'must be a host name such as example.com');
    }
  }
  text = text.replace(/\/.*$/, '');
  const [host, port, extra] = text.split(':');
  if (extra !== undefined || (port !== undefined && !/^\d{1,5}$/.test(port)) || (port !== undefined && Number(port) > 65535)) {
    throw new ValidationFailure(field, 'must be a host name with an optional port, such as example.com or localhost:8080');
  }
  const labels = host.split('.');
  if (!(IPV4.test(host) || (host.length <= 253 && labels.every((label) => HOST_LABEL.test(label))))) {
    throw new ValidationFailure(field, 'must be a host name such as example.com (letters, digits, hyphens and dots)');
  }
  return port === undefined ? host : `${host}:${port}`;
}

/** Whether a browser Origin (`https://www.example.com`) belongs to one of the workspace's sites. */
export function isOriginAllowed(origin: string, siteDomains: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return siteDomains.some((domain) => {
    const [allowedHost, allowedPort] = domain.split(':');
    if (allowedPort !== undefined && url.port !== allowedPort) return false;
    return host === allowedHost || (!IPV4.test(allowedHost) && host.endsWith(`.${allowedHost}`));
  });
}

/** A site's request may read its answer; a call sending cookies (consent) must be allowed them explicitly. */
export function corsHeaders(origin: string | null, credentials = false): Record<string, string> {
  if (!origin) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...(credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}) };
}

/** The request's key decides which origins may send, so the actual request is checked; the preflight only says what may be asked. */
export function preflightHeaders(origin: string | null, methods: string, credentials = false): Record<string, string> {
  return { ...corsHeaders(origin, credentials), 'Access-Control-Allow-Methods': methods, 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' };
}
