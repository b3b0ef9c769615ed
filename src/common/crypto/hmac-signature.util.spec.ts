import { createHmac } from 'node:crypto';
import { signTimestampedBody, verifyTimestampedBody } from 'src/common/crypto/hmac-signature.util';

describe('HMAC signatures of a timestamped body, Twenty’s webhook scheme', () => {
  const secret = 'whsec-test';
  const body = '{"eventName":"person.created","record":{"id":"p1"}}';
  const now = 1_763_800_000_000;
  const timestamp = String(now);
  const headers = { signature: 'x-twenty-webhook-signature', timestamp: 'x-twenty-webhook-timestamp' };

  it('signs as Twenty does: hex HMAC-SHA256 of "timestamp:body"', () => {
    expect(signTimestampedBody(secret, timestamp, body)).toBe(createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex'));
  });

  it('accepts a fresh, correctly signed delivery', () => {
    expect(verifyTimestampedBody(secret, timestamp, signTimestampedBody(secret, timestamp, body), body, now + 1000, headers)).toEqual({ ok: true });
  });

  it.each([
    ['a changed body', timestamp, (sig: string) => sig, `${body} `, now, 'signature does not match'],
    ['another secret', timestamp, () => signTimestampedBody('other', timestamp, body), body, now, 'signature does not match'],
    ['a re-timestamped replay', String(now + 1), (sig: string) => sig, body, now, 'signature does not match'],
    ['an old delivery', timestamp, (sig: string) => sig, body, now + 6 * 60_000, 'timestamp is more than 5 minutes away: replayed or clock skew'],
    ['no signature', timestamp, () => undefined, body, now, 'missing or malformed x-twenty-webhook-signature'],
    ['no timestamp', undefined, (sig: string) => sig, body, now, 'missing or malformed x-twenty-webhook-timestamp'],
  ])('refuses %s', (_label, sentTimestamp, signature, sentBody, at, reason) => {
    const valid = signTimestampedBody(secret, timestamp, body);
    expect(verifyTimestampedBody(secret, sentTimestamp, signature(valid), sentBody, at, headers)).toEqual({ ok: false, reason });
  });
});
