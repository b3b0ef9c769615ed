/** Pure helpers of the privacy screen: whom a request is about, and what TrackFlow holds of them, in words. */

export type SubjectKind = 'email' | 'visitorId' | 'personId' | 'externalId';

export const SUBJECT_KINDS: { kind: SubjectKind; label: string }[] = [
  { kind: 'email', label: 'Email address' },
  { kind: 'visitorId', label: 'Visitor id (tf_vid)' },
  { kind: 'personId', label: 'Twenty person id' },
  { kind: 'externalId', label: "The site's user id" },
];

/** Singular and plural of each part of an export (and of an erasure's counts, which use the same names). */
const PARTS: Record<string, [string, string]> = {
  visitors: ['visitor', 'visitors'],
  sessions: ['session', 'sessions'],
  events: ['page view or event', 'page views and events'],
  clicks: ['click', 'clicks'],
  conversions: ['conversion', 'conversions'],
  dealAttributions: ['attribution row', 'attribution rows'],
  leadStatusChanges: ['lead status change', 'lead status changes'],
  crmPerson: ['copy of their Twenty person', 'copies of their Twenty person'],
  twentyDeliveries: ['stored Twenty delivery', 'stored Twenty deliveries'],
};

/** How many rows of each part, in words, leaving out empty parts and anything that is not a part (deals are the company's and stay). */
export function describeParts(counts: Record<string, number>): string[] {
  return Object.entries(PARTS)
    .filter(([part]) => (counts[part] ?? 0) > 0)
    .map(([part, [one, many]]) => `${counts[part]} ${counts[part] === 1 ? one : many}`);
}

/** An export's rows per part. */
export const exportCounts = (exported: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(exported).filter(([, rows]) => Array.isArray(rows)).map(([part, rows]) => [part, (rows as unknown[]).length]));

/** The export's file name: the kind of subject and the day, never the subject itself (file names end up in logs and download lists). */
export const exportFileName = (kind: SubjectKind, isoNow: string): string => `trackflow-${kind}-export-${isoNow.slice(0, 10)}.json`;
