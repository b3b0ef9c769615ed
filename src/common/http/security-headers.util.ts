import type { IncomingMessage } from 'node:http';

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/**
 * Headers every response carries before its handler adds its own (a handler's value wins). The
 * GraphQL landing page a browser opens is a script-driven page, so it keeps only the framing ban;
 * HSTS is sent over https alone, as browsers ignore it otherwise.
 */
export function securityHeaders(request: IncomingMessage, https: boolean): Record<string, string> {
  const headers = { ...BASE_HEADERS };
  if (request.method === 'GET' && (request.url ?? '').split('?')[0] === '/graphql') headers['Content-Security-Policy'] = "frame-ancestors 'none'";
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
