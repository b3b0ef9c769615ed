/**
 * Where the offline-conversion files find people's addresses. TrackFlow keeps none in clear (only
 * a workspace-keyed hash, which no platform can match), so the CRM holding them is asked when a
 * file matches on hashed addresses (Meta's, LinkedIn's), and nothing of the answer is kept. The
 * CRM feature provides it; the export finds it among Nest's providers, so attribution names no
 * CRM, and a process without it (or a workspace without a CRM connection) exports no addresses.
 */
export abstract class PersonEmails {
  /** Each person's primary address, for the people the CRM still holds with one. */
  abstract primaryEmails(workspaceId: string, personIds: readonly string[]): Promise<Map<string, string>>;
}
