const SESSION_GAP_MS = 30 * 60 * 1000;

/** What sessionising needs of a click or an event. */
export interface SessionInput {
  visitorId: string;
  atMs: number;
  /** utm_campaign of the touch; a different campaign starts a new session, as in Google Analytics. */
  campaign: string | null;
}

/** A visitor's latest stored session. */
export interface StoredSession {
  id: string;
  visitorId: string;
  startMs: number;
  endMs: number;
  campaign: string | null;
}

export interface AssignedSession<T extends SessionInput> extends StoredSession {
  /** False for a stored session this batch extends. */
  isNew: boolean;
  /**
   * The start the extended session is stored with, null for a new one: its row is found by id and
   * start, since the monthly partitions key it by both and the batch may move its start earlier.
   */
  storedStartMs: number | null;
  /** The batch's items in this session, oldest first. */
  items: T[];
}

/**
 * Puts each item, oldest first, into its visitor's current session: the latest stored one or one
 * this batch opened. More than 30 minutes of inactivity on either side, or another campaign, opens
 * a new session. Returns the sessions touched by the batch.
 */
export function assignSessions<T extends SessionInput>(items: readonly T[], latestStored: ReadonlyMap<string, StoredSession>, newId: () => string): AssignedSession<T>[] {
  const current = new Map<string, AssignedSession<T>>();
  const touched: AssignedSession<T>[] = [];
  const ordered = [...items].sort((a, b) => a.atMs - b.atMs);
  for (const item of ordered) {
    let session = current.get(item.visitorId);
    if (!session) {
      const stored = latestStored.get(item.visitorId);
      if (stored) session = { ...stored, isNew: false, storedStartMs: stored.startMs, items: [] };
    }
    const campaignChanged = item.campaign !== null && session !== undefined && session.campaign !== null && session.campaign !== item.campaign;
    if (!session || item.atMs > session.endMs + SESSION_GAP_MS || item.atMs < session.startMs - SESSION_GAP_MS || campaignChanged) {
      session = { id: newId(), visitorId: item.visitorId, startMs: item.atMs, endMs: item.atMs, campaign: item.campaign, isNew: true, storedStartMs: null, items: [] };
    }
    if (session.items.length === 0) touched.push(session);
    current.set(item.visitorId, session);
    session.startMs = Math.min(session.startMs, item.atMs);
    session.endMs = Math.max(session.endMs, item.atMs);
    session.campaign ??= item.campaign;
    session.items.push(item);
  }
  return touched;
}
