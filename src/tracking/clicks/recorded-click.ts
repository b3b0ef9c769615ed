/** A click as the redirect saw it: everything the worker needs, captured before the 302 is sent. */
export type RecordedClick = {
  id: string;
  workspaceId: string;
  trackedLinkId: string;
  campaignId: string | null;
  variantId: string | null;
  shortCode: string;
  visitorId: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  utm: { source?: string; medium?: string; campaign?: string; content?: string; term?: string };
  isQr: boolean;
  at: string;
  destination: string;
};

export const CLICKS_QUEUE = 'trackflow-clicks';
