import { Injectable, Logger } from '@nestjs/common';
import { CAMPAIGN, LINK_VARIANT, TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { isDeepStrictEqual } from 'node:util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { TrackflowException } from 'src/common/errors/trackflow.exception';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { MirrorKind } from 'src/crm/twenty/twenty-mirror.util';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { CampaignsService } from 'src/links/campaigns.service';
import { LinkVariantsService } from 'src/links/link-variants.service';
import { TrackedLinksService } from 'src/links/tracked-links.service';

/** A Twenty value read as the TrackFlow input it stands for; both sides of a comparison go through it, so format differences (a number or a string of micros) are no edit. */
type Reader = (value: unknown) => unknown;
const text: Reader = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const url: Reader = (value) => text(value && typeof value === 'object' ? (value as { primaryLinkUrl?: unknown }).primaryLinkUrl : null);
/** Campaign dates are calendar days, mirrored as midnight UTC. */
const day: Reader = (value) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString().slice(0, 10) : null);
const micros: Reader = (value) => {
  const amount = value && typeof value === 'object' ? (value as { amountMicros?: unknown }).amountMicros : null;
  return amount === null || amount === undefined || amount === '' ? null : BigInt(String(amount));
};
const same: Reader = (value) => value ?? null;

const KIND_OF_OBJECT: Readonly<Record<string, MirrorKind>> = { [CAMPAIGN.nameSingular]: 'campaign', [TRACKED_LINK.nameSingular]: 'link', [LINK_VARIANT.nameSingular]: 'variant' };

/** The fields staff may edit in Twenty, by object: Twenty's field name → [TrackFlow's input field, how to read it]. */
const EDITABLE: Partial<Record<MirrorKind, Record<string, [string, Reader]>>> = {
  campaign: {
    name: ['name', text],
    campaignType: ['campaignType', same],
    status: ['status', same],
    startDate: ['startDate', day],
    endDate: ['endDate', day],
    source: ['source', text],
    medium: ['medium', text],
    budget: ['budget', micros],
  },
  link: { name: ['title', text], destinationUrl: ['destinationUrl', url], status: ['status', same] },
  variant: { variantName: ['variantName', text], destinationUrl: ['destinationUrl', url], weight: ['weight', same], active: ['active', same] },
};

/**
 * trackflowCampaign / trackflowLink / trackflowLinkVariant .updated: an edit staff made to a
 * mirrored record in Twenty is applied in TrackFlow through the same services (and validation) as
 * an edit in TrackFlow. An edit TrackFlow refuses is put back in Twenty, with the reason logged, so
 * the two never disagree and the next refresh overwrites nothing silently. The echo of TrackFlow's
 * own mirror writes differs in nothing and changes nothing.
 */
@Injectable()
export class MirrorEditHook implements CrmHook {
  private readonly logger = new Logger(MirrorEditHook.name);

  constructor(
    private readonly mirror: TwentyMirrorRepository,
    private readonly outbox: TwentyOutboxService,
    private readonly campaigns: CampaignsService,
    private readonly links: TrackedLinksService,
    private readonly variants: LinkVariantsService,
  ) {}

  async handle(workspaceId: string, event: TwentyWebhookEvent): Promise<string> {
    const kind = KIND_OF_OBJECT[event.objectMetadata.nameSingular];
    const fields = kind ? EDITABLE[kind] : undefined;
    if (!kind || !fields) return `${event.objectMetadata.nameSingular} is not mirrored`;
    const [ours] = (await this.mirror.load(workspaceId, kind, [event.record.id])).records;
    if (!ours) return `${kind} ${event.record.id} is not TrackFlow's (or no longer)`;
    const edits: Record<string, unknown> = {};
    for (const [twentyField, [inputField, read]] of Object.entries(fields)) {
      if (!(twentyField in event.record)) continue;
      const theirs = read(event.record[twentyField]);
      if (!isDeepStrictEqual(theirs, read(ours[twentyField]))) edits[inputField] = theirs;
    }
    if (Object.keys(edits).length === 0) return `${kind} ${event.record.id}: nothing edited`;
    try {
      if (kind === 'campaign') await this.campaigns.update(workspaceId, event.record.id, edits);
      else if (kind === 'link') await this.links.update(workspaceId, event.record.id, edits);
      else await this.variants.update(workspaceId, event.record.id, edits);
      return `${kind} ${event.record.id}: ${Object.keys(edits).join(', ')} edited in Twenty, applied`;
    } catch (error) {
      if (!(error instanceof ValidationFailure || error instanceof TrackflowException)) throw error;
      // TrackFlow's values go back to Twenty, so staff see what holds.
      await this.outbox.syncMirror(workspaceId, kind, [event.record.id]);
      this.logger.warn(`Twenty edit of ${kind} ${event.record.id} refused and put back: ${error.message}`);
      return `${kind} ${event.record.id}: edit refused (${error.message}), TrackFlow's values put back in Twenty`;
    }
  }
}
