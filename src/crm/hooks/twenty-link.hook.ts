import { Injectable } from '@nestjs/common';
import { TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { TrackedLinkCreated } from 'src/crm/crm-change';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { TrackedLinksService } from 'src/links/tracked-links.service';

/**
 * A tracked link made in Twenty's UI becomes a TrackFlow link with the same id; the mirror then
 * writes its short code, short URL and QR code back to the Twenty record. Our own mirror writes
 * come back as the same event and are recognised by their id.
 */
@Injectable()
export class TwentyLinkHook implements CrmHook<TrackedLinkCreated> {
  constructor(private readonly links: TrackedLinksService) {}

  async handle(workspaceId: string, created: TrackedLinkCreated): Promise<string> {
    if (await this.links.exists(workspaceId, created.linkId)) return `tracked link ${created.linkId} is already TrackFlow's`;
    try {
      const link = await this.links.create(
        workspaceId,
        { destinationUrl: created.destinationUrl ?? '', title: created.title ?? undefined, shortCode: created.shortCode ?? undefined, campaignId: created.campaignId ?? undefined },
        'twenty',
        created.linkId,
      );
      return `tracked link ${link.id} created from Twenty as /r/${link.shortCode}`;
    } catch (error) {
      // A link staff typed wrongly is not worth retrying; the delivery log says what to fix.
      if (error instanceof ValidationFailure) return `${TRACKED_LINK.labelSingular} ${created.linkId} not created: ${error.message}`;
      throw error;
    }
  }
}
