import { createHmac, timingSafeEqual } from 'node:crypto';

/** Older messages are refused: a captured request cannot be replayed later. */
const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The headers a scheme carries the signature and timestamp in, named in the reasons for a refusal. */
type SignatureHeaderNames = { signature: string; timestamp: string };

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Lowercase hex HMAC-SHA256 of `${timestamp}:${rawBody}`: Twenty's webhook signature, which our
 * outgoing webhooks reuse so that one receiver check fits both.
 */
export function signTimestampedBody(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}:`).update(rawBody).digest('hex');
}

/** Checks a message's signature (constant time) and its age; the reason says which check failed. */
export function verifyTimestampedBody(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: string | Buffer,
  nowMs: number,
  headers: SignatureHeaderNames,
): SignatureVerdict {
  if (!timestamp || !/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${headers.timestamp}` };
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: `missing or malformed ${headers.signature}` };
  const expected = Buffer.from(signTimestampedBody(secret, timestamp, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'signature does not match' };
  if (Math.abs(nowMs - Number(timestamp)) > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'timestamp is more than 5 minutes away: replayed or clock skew' };
  return { ok: true };
}
