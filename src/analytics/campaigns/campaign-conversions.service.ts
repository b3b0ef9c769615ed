import { Injectable } from '@nestjs/common';
import { CampaignConversion, CampaignConversionsRepository } from 'src/analytics/campaigns/campaign-conversions.repository';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';

export const CAMPAIGN_CONVERSIONS_MAX = 200;

@Injectable()
export class CampaignConversionsService {
  constructor(private readonly conversions: CampaignConversionsRepository) {}

  async list(workspaceId: string, campaignId: string, limit: number): Promise<CampaignConversion[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > CAMPAIGN_CONVERSIONS_MAX) throw new ValidationFailure('limit', `must be a whole number from 1 to ${CAMPAIGN_CONVERSIONS_MAX}`);
    const found = await this.conversions.listForCampaign(workspaceId, campaignId, limit);
    if (!found) throw notFound('Campaign', campaignId, 'campaignId');
    return found;
  }
}
