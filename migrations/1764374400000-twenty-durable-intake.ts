import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twenty never sends a delivery twice, so a verified one is answered only once it is stored here,
 * whole: the worker reads it from PostgreSQL, and deliveries whose job Redis never took (down,
 * slow, restarted) are queued again from this table. What no delivery brought is fetched back
 * from Twenty by reconciliation, which keeps its place per object in twenty_sync_cursor.
 */
export class TwentyDurableIntake1764374400000 implements MigrationInterface {
  name = 'TwentyDurableIntake1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.twenty_webhook_delivery ADD COLUMN payload jsonb, ADD COLUMN queued_at timestamptz`);
    await queryRunner.query(`CREATE INDEX idx_twenty_webhook_delivery_pending ON trackflow.twenty_webhook_delivery (received_at) WHERE processed_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE trackflow.twenty_sync_cursor (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        object_plural text NOT NULL,
        -- The last record processed, in Twenty's (updatedAt, id) order.
        cursor_updated_at timestamptz,
        cursor_record_id text,
        last_run_at timestamptz,
        last_error text,
        records_processed bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, object_plural)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trackflow.twenty_sync_cursor`);
    await queryRunner.query(`DROP INDEX trackflow.idx_twenty_webhook_delivery_pending`);
    await queryRunner.query(`ALTER TABLE trackflow.twenty_webhook_delivery DROP COLUMN payload, DROP COLUMN queued_at`);
  }
}
