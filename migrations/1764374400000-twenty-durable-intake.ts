import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twenty never sends a delivery twice, so a verified one is answered only once it is stored here,
 * whole: the worker reads it from PostgreSQL, and deliveries whose job Redis never took (down,
 * slow, restarted) are queued again from this table.
 */
export class TwentyDurableIntake1764374400000 implements MigrationInterface {
  name = 'TwentyDurableIntake1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.twenty_webhook_delivery ADD COLUMN payload jsonb, ADD COLUMN queued_at timestamptz`);
    await queryRunner.query(`CREATE INDEX idx_twenty_webhook_delivery_pending ON trackflow.twenty_webhook_delivery (received_at) WHERE processed_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX trackflow.idx_twenty_webhook_delivery_pending`);
    await queryRunner.query(`ALTER TABLE trackflow.twenty_webhook_delivery DROP COLUMN payload, DROP COLUMN queued_at`);
  }
}
