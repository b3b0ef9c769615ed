import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures of a campaign last announced to its Twenty mirror and to campaign.updated
 * subscribers, so the metrics refresh announces only the campaigns whose figures changed since.
 */
export class CampaignAnnouncedFigures1764374400001 implements MigrationInterface {
  name = 'CampaignAnnouncedFigures1764374400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.link_campaign ADD COLUMN announced_figures jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.link_campaign DROP COLUMN announced_figures`);
  }
}
