/** What the redirect needs of a link, kept small because it is cached in every process and in Redis. */
export type ResolvedLink = {
  id: string;
  workspaceId: string;
  campaignId: string | null;
  domainId: string | null;
  shortCode: string;
  destinationUrl: string;
  fallbackUrl: string | null;
  status: string;
  expiresAtMs: number | null;
  deleted: boolean;
  utm: { source?: string; medium?: string; campaign?: string; content?: string; term?: string };
  additionalParameters: Record<string, string>;
  variants: { id: string; destinationUrl: string; weight: number }[];
  headers: [string, string][];
};

export const linkCacheKey = (domainId: string | null, shortCode: string) => `${domainId ?? '-'}:${shortCode}`;

export function isLinkActive(link: ResolvedLink, nowMs: number): boolean {
  return !link.deleted && link.status === 'ACTIVE' && (link.expiresAtMs === null || link.expiresAtMs > nowMs);
}
