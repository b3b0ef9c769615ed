import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { DomainEvents } from 'src/common/events/domain-events';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { notFound, TrackflowException, TrackflowExceptionCode } from 'src/common/errors/trackflow.exception';
import { currencyCode, nonNegativeMicros, optionalIsoDate, optionalText, requiredText } from 'src/common/validation/input-rules';
import { CreateCampaignInput, UpdateCampaignInput } from 'src/links/dto/campaign.dto';
import { CampaignStatus, CampaignType } from 'src/links/dto/link-enums';
import { LinkCampaign } from 'src/links/entities/link-campaign.entity';
import { CampaignRepository } from 'src/links/campaign.repository';
import { CampaignsChanged } from 'src/links/links.events';

type CampaignChanges = Partial<Omit<LinkCampaign, 'id' | 'workspaceId'>>;

@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly events: DomainEvents,
  ) {}

  list(workspaceId: string): Promise<LinkCampaign[]> {
    return this.campaigns.list(workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<LinkCampaign> {
    const campaign = await this.campaigns.findOne(workspaceId, id);
    if (!campaign) throw notFound('Campaign', id);
    return campaign;
  }

  async create(workspaceId: string, input: CreateCampaignInput): Promise<LinkCampaign> {
    const changes = this.validate(input);
    changes.name = requiredText(input.name, 'name', 140);
    changes.campaignType ??= CampaignType.OTHER;
    changes.status ??= CampaignStatus.DRAFT;
    checkDateOrder(changes.startDate ?? null, changes.endDate ?? null);
    const campaign = await this.saving(() => this.campaigns.insert(workspaceId, changes));
    await this.events.publish(CampaignsChanged, { workspaceId, campaignIds: [campaign.id], linksChanged: false });
    return campaign;
  }

  async update(workspaceId: string, id: string, input: UpdateCampaignInput): Promise<LinkCampaign> {
    const current = await this.get(workspaceId, id);
    const changes = this.validate(input);
    if (input.name !== undefined) changes.name = requiredText(input.name, 'name', 140);
    checkDateOrder(changes.startDate !== undefined ? changes.startDate : current.startDate, changes.endDate !== undefined ? changes.endDate : current.endDate);
    const updated = await this.saving(() => this.campaigns.update(workspaceId, id, changes));
    if (!updated) throw notFound('Campaign', id);
    const renamed = changes.name !== undefined && changes.name !== current.name;
    await this.events.publish(CampaignsChanged, { workspaceId, campaignIds: [id], linksChanged: renamed });
    return updated;
  }

  /** Links keep working when their campaign is deleted; they just lose the campaign. */
  async delete(workspaceId: string, id: string): Promise<boolean> {
    await this.get(workspaceId, id);
    await this.campaigns.softDelete(workspaceId, id);
    await this.events.publish(CampaignsChanged, { workspaceId, campaignIds: [id], linksChanged: true });
    return true;
  }

  private validate(input: UpdateCampaignInput): CampaignChanges {
    const changes: CampaignChanges = {};
    const set = <K extends keyof CampaignChanges>(key: K, value: CampaignChanges[K] | undefined) => {
      if (value !== undefined) changes[key] = value;
    };
    set('campaignType', input.campaignType);
    set('status', input.status);
    set('startDate', optionalIsoDate(input.startDate, 'startDate'));
    set('endDate', optionalIsoDate(input.endDate, 'endDate'));
    set('source', optionalText(input.source, 'source', 255));
    set('medium', optionalText(input.medium, 'medium', 255));
    set('description', optionalText(input.description, 'description', 5000));
    set('externalCampaignId', optionalText(input.externalCampaignId, 'externalCampaignId', 255));
    set('ownerUser', optionalText(input.ownerUser, 'ownerUser', 255));
    set('budgetMicros', nonNegativeMicros(input.budget, 'budget'));
    set('currencyCode', currencyCode(input.currencyCode ?? undefined, 'currencyCode'));
    if (input.expectedRoi !== undefined) {
      if (input.expectedRoi !== null && !Number.isFinite(input.expectedRoi)) throw new ValidationFailure('expectedRoi', 'must be a finite number');
      changes.expectedRoi = input.expectedRoi === null ? null : String(input.expectedRoi);
    }
    return changes;
  }

  private async saving<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_link_campaign_name')) throw new ValidationFailure('name', 'a campaign with this name already exists in this workspace');
      if (isUniqueViolation(error, 'uq_link_campaign_external_id')) throw new ValidationFailure('externalCampaignId', 'another campaign already uses this id');
      if (isUniqueViolation(error)) throw new TrackflowException(TrackflowExceptionCode.CONFLICT, 'This campaign conflicts with an existing one');
      throw error;
    }
  }
}

function checkDateOrder(startDate: string | null, endDate: string | null): void {
  if (startDate && endDate && endDate < startDate) throw new ValidationFailure('endDate', 'must not be before startDate');
}
