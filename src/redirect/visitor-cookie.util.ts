import type { IncomingMessage } from 'node:http';

const VISITOR_COOKIE = /(?:^|;\s*)tf_vid=([A-Za-z0-9-]{8,64})(?:;|$)/;

export function visitorIdFromCookie(request: IncomingMessage): string | null {
  const match = VISITOR_COOKIE.exec(request.headers.cookie ?? '');
  return match ? match[1] : null;
}
