import { createHash } from 'node:crypto';

/**
 * How visitors remember an email without storing it: SHA-256 of the workspace id and the trimmed,
 * lower-cased address, so the same person matches across the tracker's identify and CRM records,
 * and hashes mean nothing across workspaces.
 */
export function emailHash(workspaceId: string, email: string): string {
  return createHash('sha256').update(`${workspaceId}:${email.trim().toLowerCase()}`).digest('hex');
}
