import { loggableBody, loggableResponse, redactSecrets } from 'src/security/request-log/redact-secrets.util';

describe('redactSecrets', () => {
  it('replaces values under secret names at any depth and masks TrackFlow keys inside text', () => {
    const body = {
      query: 'mutation { rotate(key: "tfk_abcdefghijklmnop") }',
      variables: { input: { name: 'crm', secret: 's3cr3t', nested: [{ apiKey: 'x', password: 'p', ok: 1 }] }, authorization: 'Bearer y' },
    };
    expect(redactSecrets(body)).toEqual({
      query: 'mutation { rotate(key: "tfk_[redacted]") }',
      variables: { input: { name: 'crm', secret: '[redacted]', nested: [{ apiKey: '[redacted]', password: '[redacted]', ok: 1 }] }, authorization: '[redacted]' },
    });
  });

  it('leaves the original untouched and cuts long bodies', () => {
    const body = { webhookSecret: 'w', text: 'a'.repeat(100) };
    expect(loggableBody(body, 40)).toBe(`${JSON.stringify({ webhookSecret: '[redacted]', text: 'a'.repeat(100) }).slice(0, 40)}…`);
    expect(body.webhookSecret).toBe('w');
    expect(loggableBody(undefined)).toBeNull();
  });

  it('redacts JSON answers, keeps other text, and keeps nothing of an answer too large to read whole', () => {
    expect(loggableResponse('{"data":{"rotate":{"secret":"tfk_abcdefghijkl","id":"k1"}}}', 55)).toBe('{"data":{"rotate":{"secret":"[redacted]","id":"k1"}}}');
    expect(loggableResponse('<svg>tfk_abcdefghijkl</svg>', 27)).toBe('"<svg>tfk_[redacted]</svg>"');
    expect(loggableResponse(null, 70_000)).toBe('[70000 bytes not kept: too large to redact]');
    expect(loggableResponse('', 0)).toBeNull();
  });
});
