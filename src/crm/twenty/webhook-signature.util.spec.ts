import { createHmac } from 'node:crypto';
import { signTwentyWebhook, verifyTwentyWebhook } from 'src/crm/twenty/webhook-signature.util';

describe('Twenty webhook signatures', () => {
  const secret = 'whsec-test';
  const body = '{"eventName":"person.created","record":{"id":"p1"}}';
  const now = 1_763_800_000_000;
  const timestamp = String(now);

  it('signs as Twenty does: hex HMAC-SHA256 of "timestamp:body"', () => {
    expect(signTwentyWebhook(secret, timestamp, body)).toBe(createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex'));
  });

  it('accepts a fresh, correctly signed delivery', () => {
    expect(verifyTwentyWebhook(secret, timestamp, signTwentyWebhook(secret, timestamp, body), body, now + 1000)).toEqual({ ok: true });
  });

  it.each([
    ['a changed body', timestamp, (sig: string) => sig, `${body} `, now, 'signature does not match'],
    ['another secret', timestamp, () => signTwentyWebhook('other', timestamp, body), body, now, 'signature does not match'],
    ['a re-timestamped replay', String(now + 1), (sig: string) => sig, body, now, 'signature does not match'],
    ['an old delivery', timestamp, (sig: string) => sig, body, now + 6 * 60_000, 'timestamp is more than 5 minutes away: replayed or clock skew'],
    ['no signature', timestamp, () => undefined, body, now, 'missing or malformed x-twenty-webhook-signature'],
    ['no timestamp', undefined, (sig: string) => sig, body, now, 'missing or malformed x-twenty-webhook-timestamp'],
  ])('refuses %s', (_label, sentTimestamp, signature, sentBody, at, reason) => {
    const valid = signTwentyWebhook(secret, timestamp, body);
    expect(verifyTwentyWebhook(secret, sentTimestamp, signature(valid), sentBody, at)).toEqual({ ok: false, reason });
  });
});
