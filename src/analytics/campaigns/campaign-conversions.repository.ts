import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from 'src/common/validation/input-rules';

export type CampaignConversion = {
  conversionId: string;
  conversionType: string;
  convertedAt: Date;
  valueMicros: bigint;
  currencyCode: string;
  shortCode: string | null;
  personId: string | null;
  personName: string | null;
  opportunityId: string | null;
  dealName: string | null;
};

type Row = {
  conversion_id: string;
  conversion_type: string;
  converted_at: Date;
  value_micros: string;
  currency_code: string;
  short_code: string | null;
  person_id: string | null;
  person_name: string | null;
  opportunity_id: string | null;
  deal_name: string | null;
};

/**
 * The conversions credited to a campaign, from the same credit rows as its conversion count
 * (`conversion_credit`, refreshed with the rollups), with the Twenty person and deal behind each.
 */
@Injectable()
export class CampaignConversionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; null when the campaign does not exist (or was deleted) in this workspace. */
  async listForCampaign(workspaceId: string, campaignId: string, limit: number): Promise<CampaignConversion[] | null> {
    if (!isUuid(campaignId)) return null;
    const [campaign]: unknown[] = await this.dataSource.query(`SELECT 1 FROM trackflow.link_campaign WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL`, [workspaceId, campaignId]);
    if (!campaign) return null;
    const rows: Row[] = await this.dataSource.query(
      `SELECT cc.conversion_id, cc.conversion_type, cc.converted_at, cc.value_micros::text, cc.currency_code, l.short_code,
         c.person_id, p.display_name AS person_name, c.opportunity_id, d.name AS deal_name
       FROM trackflow.conversion_credit cc
       JOIN trackflow.conversion c ON c.workspace_id = cc.workspace_id AND c.id = cc.conversion_id
       LEFT JOIN trackflow.tracked_link l ON l.workspace_id = cc.workspace_id AND l.id = cc.tracked_link_id
       LEFT JOIN trackflow.crm_person p ON p.workspace_id = c.workspace_id AND p.person_id = c.person_id
       LEFT JOIN trackflow.crm_deal d ON d.workspace_id = c.workspace_id AND d.opportunity_id = c.opportunity_id
       WHERE cc.workspace_id = $1 AND cc.campaign_id = $2
       ORDER BY cc.converted_at DESC, cc.conversion_id LIMIT $3`,
      [workspaceId, campaignId, limit],
    );
    return rows.map((row) => ({
      conversionId: row.conversion_id,
      conversionType: row.conversion_type,
      convertedAt: row.converted_at,
      valueMicros: BigInt(row.value_micros),
      currencyCode: row.currency_code,
      shortCode: row.short_code,
      personId: row.person_id,
      personName: row.person_name,
      opportunityId: row.opportunity_id,
      dealName: row.deal_name,
    }));
  }
}
