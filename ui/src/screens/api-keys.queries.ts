const KEY_FIELDS = 'id name keyPrefix keyLast4 scopes active expiresAt revokedAt lastUsedAt usageCount ipAllowList { cidr description } createdAt';

export const API_KEYS = `query ApiKeys { apiKeys { ${KEY_FIELDS} } }`;
export const CREATE_API_KEY = `mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name } } }`;
export const ROTATE_API_KEY = `mutation RotateApiKey($input: RotateApiKeyInput!) { rotateApiKey(input: $input) { secret apiKey { id name } } }`;
export const REVOKE_API_KEY = `mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id } }`;
export const SET_API_KEY_EXPIRY = `mutation SetApiKeyExpiry($id: ID!, $expiresAt: DateTime) { setApiKeyExpiry(id: $id, expiresAt: $expiresAt) { id } }`;
export const SET_API_KEY_IP_ALLOW_LIST = `mutation SetApiKeyIpAllowList($id: ID!, $ranges: [IpRangeInput!]!) { setApiKeyIpAllowList(id: $id, ranges: $ranges) { id } }`;

export interface ApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  keyLast4: string;
  scopes: string[];
  active: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  usageCount: string;
  ipAllowList: { cidr: string; description: string | null }[];
  createdAt: string;
}

export interface IssuedApiKey {
  secret: string;
  apiKey: { id: string; name: string };
}

/** The scopes and roles the API knows (security/api-keys/api-key-secret.util.ts); it refuses any other with the list. */
export const SCOPES = ['*', 'admin', 'links:read', 'links:write', 'analytics:read', 'analytics:write', 'attribution:read', 'attribution:write', 'settings:read', 'settings:write', 'privacy:read', 'privacy:write'] as const;
export const ROLES = [
  { value: 'CAMPAIGN_MANAGER', label: 'Campaign manager: links, read analytics and attribution' },
  { value: 'TRACKFLOW_MANAGER', label: 'TrackFlow manager: everything but keys and webhooks' },
  { value: 'TWENTY_APP', label: "Twenty app: what the CRM's screens use" },
] as const;
