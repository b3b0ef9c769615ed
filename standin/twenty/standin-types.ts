import type { ServerResponse } from 'node:http';

/**
 * Which Twenty the stand-in imitates where the contracts changed (docs/twenty-contracts.md names
 * the versions of each entry): `current` is Twenty 2.x as its newest source reads, `previous` the
 * 1.x line the app still supports.
 */
export type TwentyVersion = 'current' | 'previous';

/** The role flags TrackFlow's calls need (W5, M6). */
export type PermissionFlag = 'DATA_MODEL' | 'API_KEYS_AND_WEBHOOKS';

export interface StandInField {
  id: string;
  universalIdentifier: string;
  applicationId: string;
  name: string;
  type: string;
  label: string;
  options?: unknown;
  settings?: Record<string, unknown>;
  /** MANY_TO_ONE relations are written through their join column `<name>Id` (R2). */
  relationType?: 'MANY_TO_ONE' | 'ONE_TO_MANY';
  relationTargetObjectId?: string;
  /** The field at the other end of a relation: deleting one deletes both (M5). */
  relationTargetFieldId?: string;
  isSystem: boolean;
  isActive: boolean;
}

export interface StandInObject {
  id: string;
  universalIdentifier: string;
  applicationId: string;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  description?: string | null;
  icon?: string | null;
  isSystem: boolean;
  isActive: boolean;
  fields: StandInField[];
}

export interface StandInWebhook {
  id: string;
  targetUrl: string;
  operations: string[];
  secret: string;
  description: string | null;
  createdAt: string;
}

/** Who is calling: an API key (its role's flags) or a signed-in user acting in Twenty's UI. */
export type Caller = { kind: 'apiKey'; token: string; permissions: ReadonlySet<PermissionFlag> } | { kind: 'user'; workspaceMemberId: string };

export const TWENTY_STANDARD_APPLICATION_ID = '20202020-64aa-4b6f-b003-9c74b97cee20';

/** Writes a JSON answer; `body` undefined sends an empty 200, as Nest does for a null result (W2). */
export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** The REST error envelope of Twenty's exception filter: `{statusCode, error, messages[, code]}` (R0). */
export function restError(response: ServerResponse, status: number, error: string, message: string, code?: string): void {
  send(response, status, { statusCode: status, error, messages: [message], ...(code ? { code } : {}) });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
