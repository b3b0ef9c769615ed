import { DomainEvent } from 'src/common/events/domain-event';

/** Campaigns created, edited, deleted, or given new figures (analytics). */
export const CampaignsChanged = new DomainEvent<{
  workspaceId: string;
  campaignIds: readonly string[];
  /** Their links redirect differently: a campaign's name is its links' default utm_campaign, and a deleted campaign leaves them. */
  linksChanged: boolean;
}>('campaigns.changed');

/** A tracked link created, edited or deleted; `domainId` and `shortCode` are where the redirect found it before the change. */
export const LinkChanged = new DomainEvent<{ workspaceId: string; linkId: string; domainId: string | null; shortCode: string }>('link.changed');

/** A link's A/B variant created, edited or deleted. */
export const VariantChanged = new DomainEvent<{ workspaceId: string; variantId: string; trackedLinkId: string }>('variant.changed');

/** A short-link domain configured, edited or removed. */
export const DomainChanged = new DomainEvent<{ workspaceId: string; domainId: string; host: string }>('domain.changed');
