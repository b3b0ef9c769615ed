import { Injectable } from '@nestjs/common';
import { TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { TwentyWebhookEvent } from 'src/crm/twenty/twenty-webhook-event';
import { TrackedLinksService } from 'src/links/tracked-links.service';

const linkUrl = (value: unknown) => (value && typeof value === 'object' ? (value as { primaryLinkUrl?: unknown }).primaryLinkUrl : undefined);
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * trackflowLink.created: a tracked link made in Twenty's UI becomes a TrackFlow link with the same
 * id; the mirror then writes its short code, short URL and QR code back to the Twenty record.
 * Our own mirror writes come back as the same event and are recognised by their id.
 */
@Injectable()
export class TwentyLinkHook implements CrmHook {
  constructor(private readonly links: TrackedLinksService) {}

  async handle(workspaceId: string, event: TwentyWebhookEvent): Promise<string> {
    const record = event.record;
    if (await this.links.exists(workspaceId, record.id)) return `tracked link ${record.id} is already TrackFlow's`;
    try {
      const link = await this.links.create(
        workspaceId,
        {
          destinationUrl: text(linkUrl(record.destinationUrl)) ?? '',
          title: text(record.name),
          shortCode: text(record.shortCode),
          campaignId: text(record.campaignId),
        },
        'twenty',
        record.id,
      );
      return `tracked link ${link.id} created from Twenty as /r/${link.shortCode}`;
    } catch (error) {
      // A link staff typed wrongly is not worth retrying; the delivery log says what to fix.
      if (error instanceof ValidationFailure) return `${TRACKED_LINK.labelSingular} ${record.id} not created: ${error.message}`;
      throw error;
    }
  }
}
