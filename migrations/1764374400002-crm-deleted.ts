import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deal deleted in Twenty stops counting but is remembered (stage, amount, when it was won), so a
 * restore brings its attribution back as it was.
 */
export class CrmDeleted1764374400002 implements MigrationInterface {
  name = 'CrmDeleted1764374400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal ADD COLUMN deleted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal DROP COLUMN deleted_at`);
  }
}
