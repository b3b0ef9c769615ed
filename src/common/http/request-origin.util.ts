import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The Host without its port, lower-cased; handles [IPv6]:port. */
export function requestHost(request: IncomingMessage): string {
  const host = (request.headers.host ?? '').toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** Forwarded headers are believed only behind a proxy we were told to trust (TRUST_PROXY). */
export function isHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  return trustProxy && String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
}

export function clientIp(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim();
    if (forwarded) return forwarded;
  }
  return request.socket.remoteAddress ?? null;
}
