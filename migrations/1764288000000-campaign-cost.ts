import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * link_campaign.cost_micros: the lifetime cost (imported ad spend, else the budget) that the
 * campaign metric refresh computes ROI from. Stored beside ROI so a campaign list shows both
 * without recomputing them; NULL until the next refresh, as ROI is.
 */
export class CampaignCost1764288000000 implements MigrationInterface {
  name = 'CampaignCost1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.link_campaign ADD COLUMN cost_micros bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.link_campaign DROP COLUMN cost_micros`);
  }
}
