import { createHash, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'tfk_';

export type ApiKeySecret = { plaintext: string; hash: string; prefix: string; last4: string };

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

/** 32 random bytes: the hash alone is stored, so the secret must be unguessable rather than slow to hash. */
export function generateApiKeySecret(random: (size: number) => Buffer = randomBytes): ApiKeySecret {
  const plaintext = SECRET_PREFIX + random(32).toString('base64url');
  return { plaintext, hash: hashApiKey(plaintext), prefix: plaintext.slice(0, 8), last4: plaintext.slice(-4) };
}

export function generatePublicKey(random: (size: number) => Buffer = randomBytes): string {
  return 'tfp_' + random(16).toString('base64url');
}

export const KNOWN_SCOPES = ['*', 'admin', 'links:read', 'links:write', 'analytics:read', 'attribution:read', 'attribution:write', 'settings:read', 'settings:write'] as const;

export function parseScopes(text: string): string[] {
  const scopes = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0) throw new Error('scopes: give at least one scope, e.g. "*"');
  if (unknown.length > 0) throw new Error(`scopes: unknown scope ${unknown.join(', ')}; known: ${KNOWN_SCOPES.join(', ')}`);
  return scopes;
}

/** `*` and `admin` grant everything; `links:write` implies `links:read`. */
export function scopesAllow(granted: readonly string[], required: string): boolean {
  if (granted.includes('*') || granted.includes('admin') || granted.includes(required)) return true;
  const [area, access] = required.split(':');
  return access === 'read' && granted.includes(`${area}:write`);
}
