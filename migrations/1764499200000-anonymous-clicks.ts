import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A click from a visitor who has not consented (or sends Do Not Track) is stored as an anonymous
 * count: no visitor id, so no visitor row, session or unique-visitor count hangs on it.
 */
export class AnonymousClicks1764499200000 implements MigrationInterface {
  name = 'AnonymousClicks1764499200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.click_event ALTER COLUMN visitor_id DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older schema has no place for a click without a visitor; the counters keep having counted them.
    await queryRunner.query(`DELETE FROM trackflow.click_event WHERE visitor_id IS NULL`);
    await queryRunner.query(`ALTER TABLE trackflow.click_event ALTER COLUMN visitor_id SET NOT NULL`);
  }
}
