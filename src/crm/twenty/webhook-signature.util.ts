import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-twenty-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twenty-webhook-timestamp';
/** Older deliveries are refused: a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** Twenty's signature: lowercase hex HMAC-SHA256 of `${timestamp}:${rawBody}` with the webhook's secret. */
export function signTwentyWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}:`).update(rawBody).digest('hex');
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

/** Checks a delivery's signature (constant time) and its age; the reason says which check failed. */
export function verifyTwentyWebhook(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string | Buffer, nowMs: number): WebhookVerdict {
  if (!timestamp || !/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: `missing or malformed ${SIGNATURE_HEADER}` };
  const expected = Buffer.from(signTwentyWebhook(secret, timestamp, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'signature does not match' };
  if (Math.abs(nowMs - Number(timestamp)) > WEBHOOK_TOLERANCE_MS) return { ok: false, reason: 'timestamp is more than 5 minutes away: replayed or clock skew' };
  return { ok: true };
}
