import { Injectable, Logger } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { TrackflowException } from 'src/common/errors/trackflow.exception';
import { MirroredRecordEdited } from 'src/crm/crm-change';
import { CrmHook } from 'src/crm/hooks/crm-hook';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';
import { CampaignsService } from 'src/links/campaigns.service';
import { LinkVariantsService } from 'src/links/link-variants.service';
import { TrackedLinksService } from 'src/links/tracked-links.service';

/**
 * A campaign, tracked link or variant edited where the CRM shows its copy: an edit staff made to a
 * mirrored record in Twenty is applied in TrackFlow through the same services (and validation) as
 * an edit in TrackFlow. An edit TrackFlow refuses is put back in Twenty, with the reason logged, so
 * the two never disagree and the next refresh overwrites nothing silently. The echo of TrackFlow's
 * own mirror writes differs in nothing and changes nothing.
 */
@Injectable()
export class MirrorEditHook implements CrmHook<MirroredRecordEdited> {
  private readonly logger = new Logger(MirrorEditHook.name);

  constructor(
    private readonly mirror: TwentyMirrorRepository,
    private readonly outbox: TwentyOutboxService,
    private readonly campaigns: CampaignsService,
    private readonly links: TrackedLinksService,
    private readonly variants: LinkVariantsService,
  ) {}

  async handle(workspaceId: string, { kind, recordId, values }: MirroredRecordEdited): Promise<string> {
    const ours = await this.mirror.editableValues(workspaceId, kind, recordId);
    if (!ours) return `${kind} ${recordId} is not TrackFlow's (or no longer)`;
    const edits = Object.fromEntries(Object.entries(values).filter(([field, value]) => !isDeepStrictEqual(value, ours[field])));
    if (Object.keys(edits).length === 0) return `${kind} ${recordId}: nothing edited`;
    try {
      if (kind === 'campaign') await this.campaigns.update(workspaceId, recordId, edits);
      else if (kind === 'link') await this.links.update(workspaceId, recordId, edits);
      else await this.variants.update(workspaceId, recordId, edits);
      return `${kind} ${recordId}: ${Object.keys(edits).join(', ')} edited in Twenty, applied`;
    } catch (error) {
      if (!(error instanceof ValidationFailure || error instanceof TrackflowException)) throw error;
      // TrackFlow's values go back to Twenty, so staff see what holds.
      await this.outbox.syncMirror(workspaceId, kind, [recordId]);
      this.logger.warn(`Twenty edit of ${kind} ${recordId} refused and put back: ${error.message}`);
      return `${kind} ${recordId}: edit refused (${error.message}), TrackFlow's values put back in Twenty`;
    }
  }
}
