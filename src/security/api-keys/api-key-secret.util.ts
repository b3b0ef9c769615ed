import { ValidationFailure } from 'src/common/errors/validation-failure';
import { createHash, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'tfk_';

type ApiKeySecret = { plaintext: string; hash: string; prefix: string; last4: string };

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

export const KNOWN_SCOPES = [
  '*',
  'admin',
  'links:read',
  'links:write',
  'analytics:read',
  'analytics:write',
  'attribution:read',
  'attribution:write',
  'settings:read',
  'settings:write',
  'privacy:read',
  'privacy:write',
] as const;

/**
 * The seed's roles (001: Campaign Manager CRUD on campaigns and links, read on analytics and CRM
 * data; TrackFlow Manager CRUD on everything). Key management and webhooks stay with `admin`.
 * TWENTY_APP is the one key the Twenty app's logic function holds for every CRM user: exactly what
 * its screens use (campaigns and links, their figures, journeys and deal attribution), so nobody
 * reaches erasure, API keys, webhooks or settings through Twenty.
 */
export const ROLE_SCOPES = {
  TWENTY_APP: ['links:write', 'analytics:read', 'attribution:read'],
  CAMPAIGN_MANAGER: ['links:write', 'analytics:read', 'attribution:read'],
  TRACKFLOW_MANAGER: ['links:write', 'analytics:write', 'attribution:write', 'settings:write', 'privacy:write'],
} as const satisfies Record<string, readonly (typeof KNOWN_SCOPES)[number][]>;

export type ApiKeyRole = keyof typeof ROLE_SCOPES;

export function parseScopes(text: string): string[] {
  return checkScopes(text.split(/[\s,]+/));
}

/** The scopes a key gets: its role's set plus any listed, each one known. */
export function checkScopes(listed: readonly string[], role?: ApiKeyRole): string[] {
  const scopes = [...new Set([...(role ? ROLE_SCOPES[role] : []), ...listed.map((scope) => scope.trim()).filter(Boolean)])];
  const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0) throw new ValidationFailure('scopes', 'give at least one scope, e.g. "*"');
  if (unknown.length > 0) throw new ValidationFailure('scopes', `unknown scope ${unknown.join(', ')}; known: ${KNOWN_SCOPES.join(', ')}`);
  return scopes;
}

/** `*` and `admin` grant everything; `links:write` implies `links:read`. */
export function scopesAllow(granted: readonly string[], required: string): boolean {
  if (granted.includes('*') || granted.includes('admin') || granted.includes(required)) return true;
  const [area, access] = required.split(':');
  return access === 'read' && granted.includes(`${area}:write`);
}
