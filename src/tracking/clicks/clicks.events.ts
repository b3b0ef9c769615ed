import { DomainEvent } from 'src/common/events/domain-event';

/** What others learn of a stored click: no address or user agent, which are personal data. */
export type StoredClick = {
  clickId: string;
  trackedLinkId: string;
  shortCode: string;
  campaignId: string | null;
  variantId: string | null;
  visitorId: string | null;
  clickedAt: string;
  qr: boolean;
  bot: boolean;
  internal: boolean;
  utm: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
};

/** Clicks of one workspace stored by the click worker, each once (a replayed click is not stored again). */
export const ClicksStored = new DomainEvent<{ workspaceId: string; clicks: StoredClick[] }>('clicks.stored');
