import { checkWebhookUrl, isNonPublicAddress } from 'src/security/webhooks/webhook-target.util';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1'])('%s is not public', (ip) => {
    expect(isNonPublicAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1'])('%s is public', (ip) => {
    expect(isNonPublicAddress(ip)).toBe(false);
  });

  it('refuses private literals, localhost, credentials and other schemes unless private targets are allowed', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]/x', 'http://localhost/x', 'http://169.254.169.254/latest/meta-data', 'http://0x7f000001/']) {
      expect(() => checkWebhookUrl(url, false)).toThrow('url: must not point at a private, loopback or link-local address');
    }
    expect(() => checkWebhookUrl('ftp://example.com/x', false)).toThrow('url: must be an absolute http or https URL');
    expect(() => checkWebhookUrl('https://user:pw@example.com/x', false)).toThrow('url: must not carry a user name or password');
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).toBe('http://127.0.0.1:8080/hook');
    expect(checkWebhookUrl(' https://hooks.example.com/in ', false)).toBe('https://hooks.example.com/in');
  });
});
