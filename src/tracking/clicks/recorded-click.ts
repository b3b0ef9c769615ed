type ClickOfLink = {
  id: string;
  workspaceId: string;
  trackedLinkId: string;
  campaignId: string | null;
  variantId: string | null;
  shortCode: string;
  utm: { source?: string; medium?: string; campaign?: string; content?: string; term?: string };
  isQr: boolean;
  at: string;
  destination: string;
};

/** A visitor TrackFlow may track: the worker parses the user agent and flags the address itself. */
type IdentifiedClick = ClickOfLink & {
  visitorId: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
};

/**
 * A cookieless count (no consent, a refusal, Do Not Track). Its flags are decided at the redirect
 * so that neither the address nor the user agent ever reaches the queue or the journal.
 */
type AnonymousClick = ClickOfLink & {
  visitorId: null;
  /** The referrer's origin only. */
  referrer: string | null;
  isBot: boolean;
  isInternal: boolean;
};

/** A click as the redirect saw it: everything the worker needs, captured before the 302 is sent. */
export type RecordedClick = IdentifiedClick | AnonymousClick;

export const CLICKS_QUEUE = 'trackflow-clicks';
