import { randomBytes } from 'node:crypto';
import { openSecret, parseSecretKey, sealSecret } from 'src/common/crypto/secret-box.util';

describe('secret box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and seals the same text differently each time', () => {
    const sealed = sealSecret(key, 'twenty-api-key');
    expect(openSecret(key, sealed)).toBe('twenty-api-key');
    expect(sealSecret(key, 'twenty-api-key')).not.toBe(sealed);
    expect(sealed).not.toContain('twenty-api-key');
  });

  it('refuses a tampered secret or another key', () => {
    const sealed = sealSecret(key, 'secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(key, parts.join(':'))).toThrow();
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
    expect(() => openSecret(key, 'plain')).toThrow('not a sealed secret');
  });

  it('reads a 32-byte key written in hex or base64', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey('too-short')).toBeNull();
  });
});
