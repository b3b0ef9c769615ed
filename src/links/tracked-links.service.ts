import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { AppConfig } from 'src/config/app-config';
import { DomainEvents } from 'src/common/events/domain-events';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { optionalText, stringRecord } from 'src/common/validation/input-rules';
import { validateDestinationUrl } from 'src/links/destination-url.util';
import { LinkChanged } from 'src/links/links.events';
import { CreateTrackedLinkInput, UpdateTrackedLinkInput } from 'src/links/dto/tracked-link.dto';
import { LinkStatus } from 'src/links/dto/link-enums';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';
import { CampaignRepository } from 'src/links/campaign.repository';
import { DomainRepository } from 'src/links/domain.repository';
import { TrackedLinkRepository } from 'src/links/tracked-link.repository';
import { ShortCodeGenerator } from 'src/links/short-code.generator';
import { validateCustomShortCode } from 'src/links/short-code.util';
import { shortUrlBase, shortUrlOf } from 'src/links/short-url.util';
import { SettingsService } from 'src/settings/settings.service';

const MAX_CODE_ATTEMPTS = 10;
type LinkChanges = Partial<Omit<TrackedLink, 'id' | 'workspaceId'>>;

@Injectable()
export class TrackedLinksService {
  constructor(
    private readonly links: TrackedLinkRepository,
    private readonly campaigns: CampaignRepository,
    private readonly domains: DomainRepository,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
    private readonly codes: ShortCodeGenerator,
    private readonly events: DomainEvents,
  ) {}

  list(workspaceId: string, campaignId?: string): Promise<TrackedLink[]> {
    return this.links.list(workspaceId, campaignId);
  }

  async get(workspaceId: string, id: string): Promise<TrackedLink> {
    const link = await this.links.findOne(workspaceId, id);
    if (!link) throw notFound('Tracked link', id);
    return link;
  }

  /** `id` is given when the link was first made in Twenty, so both sides share one id. */
  async exists(workspaceId: string, id: string): Promise<boolean> {
    return (await this.links.findOne(workspaceId, id)) !== null;
  }

  async create(workspaceId: string, input: CreateTrackedLinkInput, createdBy?: string, id?: string): Promise<TrackedLink> {
    const changes: LinkChanges & { id?: string } = { ...this.validate(input), id };
    changes.destinationUrl = validateDestinationUrl(input.destinationUrl ?? '', 'destinationUrl');
    const campaign = input.campaignId ? await this.campaigns.findOne(workspaceId, input.campaignId) : null;
    if (input.campaignId && !campaign) throw new ValidationFailure('campaignId', 'no such campaign in this workspace');
    changes.campaignId = campaign?.id ?? null;
    // A link without its own UTM source or medium carries its campaign's.
    changes.source ??= campaign?.source ?? null;
    changes.medium ??= campaign?.medium ?? null;
    changes.domainId = await this.domainOfNewLink(workspaceId, input.domainId);
    changes.status = LinkStatus.ACTIVE;
    changes.createdBy = createdBy ?? null;

    const custom = input.shortCode?.trim();
    const link = custom ? await this.insertWithCustomCode(workspaceId, changes, validateCustomShortCode(custom)) : await this.insertWithGeneratedCode(workspaceId, changes);
    // A brief "unknown code" may be cached from before this link existed.
    await this.events.publish(LinkChanged, { workspaceId, linkId: link.id, domainId: link.domainId, shortCode: link.shortCode });
    return link;
  }

  async update(workspaceId: string, id: string, input: UpdateTrackedLinkInput): Promise<TrackedLink> {
    const current = await this.get(workspaceId, id);
    const changes = this.validate(input);
    if (input.destinationUrl !== undefined) changes.destinationUrl = validateDestinationUrl(input.destinationUrl, 'destinationUrl');
    if (input.status !== undefined) {
      if (input.status === LinkStatus.EXPIRED) throw new ValidationFailure('status', 'EXPIRED follows from expiryDate; set ACTIVE, PAUSED or ARCHIVED');
      changes.status = input.status;
    }
    if (input.campaignId !== undefined) {
      if (input.campaignId !== null && !(await this.campaigns.findOne(workspaceId, input.campaignId))) {
        throw new ValidationFailure('campaignId', 'no such campaign in this workspace');
      }
      changes.campaignId = input.campaignId;
    }
    const updated = await this.links.update(workspaceId, id, changes);
    if (!updated) throw notFound('Tracked link', id);
    await this.events.publish(LinkChanged, { workspaceId, linkId: id, domainId: current.domainId, shortCode: current.shortCode });
    return updated;
  }

  /** Soft delete: the code stays reserved and answers 410, so printed QR codes never lead somewhere else. */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    const link = await this.get(workspaceId, id);
    await this.links.softDelete(workspaceId, id);
    await this.events.publish(LinkChanged, { workspaceId, linkId: id, domainId: link.domainId, shortCode: link.shortCode });
    return true;
  }

  async shortUrl(link: Pick<TrackedLink, 'workspaceId' | 'domainId' | 'shortCode'>): Promise<string> {
    const domain = link.domainId ? await this.domains.findOne(link.workspaceId, link.domainId) : null;
    const { settings } = await this.settings.get(link.workspaceId);
    return shortUrlOf(shortUrlBase(domain, settings.defaultShortlinkDomain, this.config.publicBaseUrl), link.shortCode);
  }

  /** A link given no domain goes on the workspace's primary domain, when it has one. */
  private async domainOfNewLink(workspaceId: string, domainId: string | null | undefined): Promise<string | null> {
    if (!domainId) return (await this.domains.findPrimary(workspaceId))?.id ?? null;
    const domain = await this.domains.findOne(workspaceId, domainId);
    if (!domain) throw new ValidationFailure('domainId', 'no such domain in this workspace');
    return domain.id;
  }

  private validate(input: UpdateTrackedLinkInput): LinkChanges {
    const changes: LinkChanges = {};
    const set = <K extends keyof LinkChanges>(key: K, value: LinkChanges[K] | undefined) => {
      if (value !== undefined) changes[key] = value;
    };
    set('source', optionalText(input.source, 'source'));
    set('medium', optionalText(input.medium, 'medium'));
    set('utmCampaign', optionalText(input.utmCampaign, 'utmCampaign'));
    set('content', optionalText(input.content, 'content'));
    set('term', optionalText(input.term, 'term'));
    set('title', optionalText(input.title, 'title', 255));
    set('additionalParameters', stringRecord(input.additionalParameters, 'additionalParameters'));
    if (input.fallbackUrl !== undefined) changes.fallbackUrl = input.fallbackUrl ? validateDestinationUrl(input.fallbackUrl, 'fallbackUrl') : null;
    if (input.expiryDate !== undefined) {
      if (input.expiryDate !== null && Number.isNaN(input.expiryDate.getTime())) throw new ValidationFailure('expiryDate', 'must be an ISO 8601 date-time');
      if (input.expiryDate !== null && input.expiryDate.getTime() <= Date.now()) throw new ValidationFailure('expiryDate', 'must be in the future');
      changes.expiryDate = input.expiryDate;
    }
    return changes;
  }

  private async insertWithCustomCode(workspaceId: string, changes: LinkChanges, shortCode: string): Promise<TrackedLink> {
    try {
      return await this.links.insert(workspaceId, { ...changes, shortCode });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_tracked_link_domain_code')) throw new ValidationFailure('shortCode', 'is already taken on this domain');
      throw error;
    }
  }

  /** Random codes collide rarely; each collision simply draws again. */
  private async insertWithGeneratedCode(workspaceId: string, changes: LinkChanges): Promise<TrackedLink> {
    const { settings } = await this.settings.get(workspaceId);
    if (!settings.autoGenerateShortCodes) throw new ValidationFailure('shortCode', 'is required while settings autoGenerateShortCodes is off');
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const shortCode = this.codes.generate(settings.shortCodeLength);
      if (await this.links.isCodeTaken(changes.domainId ?? null, shortCode)) continue;
      try {
        return await this.links.insert(workspaceId, { ...changes, shortCode });
      } catch (error) {
        if (!isUniqueViolation(error, 'uq_tracked_link_domain_code')) throw error;
      }
    }
    throw new ValidationFailure('shortCode', `no free code found after ${MAX_CODE_ATTEMPTS} attempts; raise short_code_length in settings`);
  }
}
