import { SignatureVerdict, verifyTimestampedBody } from 'src/common/crypto/hmac-signature.util';

export const SIGNATURE_HEADER = 'x-twenty-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twenty-webhook-timestamp';

/** A Twenty delivery's signature over its raw bytes and its age, with Twenty's header names in the reason for a refusal. */
export function verifyTwentyWebhook(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string | Buffer, nowMs: number): SignatureVerdict {
  return verifyTimestampedBody(secret, timestamp, signature, rawBody, nowMs, { signature: SIGNATURE_HEADER, timestamp: TIMESTAMP_HEADER });
}
