import type { IncomingMessage } from 'node:http';

/** The key a request was accepted with: its workspace scopes every call, its id names who did something. */
export type ApiKeyPrincipal = { apiKeyId: string; workspaceId: string; scopes: string[] };

export type AccessRefusal = { kind: 'unknown' } | { kind: 'ip'; ip: string | null } | { kind: 'rate'; limit: number; retryAfterSeconds: number };

/**
 * What the global guard needs from whoever keeps the API keys. The security feature provides it,
 * so the platform's guard depends on no feature.
 */
export abstract class ApiKeyAuthorizer {
  abstract authorize(plaintext: string, request: IncomingMessage): Promise<{ principal: ApiKeyPrincipal } | { refusal: AccessRefusal }>;

  abstract allows(principal: ApiKeyPrincipal, scope: string): boolean;
}
