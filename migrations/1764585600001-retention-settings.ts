import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each workspace may keep its data for its own periods (NULL: the server's RETENTION_*_DAYS), 0
 * meaning forever, as the variables do. The retention job finds inactive visitors that nothing
 * keeps (no person, no conversion, not merged into another) and finished outgoing deliveries by
 * age, each through an index of its own.
 */
export class RetentionSettings1764585600001 implements MigrationInterface {
  name = 'RetentionSettings1764585600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings
      ${COLUMNS.map((column) => `ADD COLUMN ${column} integer CHECK (${column} BETWEEN 0 AND 36500)`).join(',\n      ')}`);
    await queryRunner.query(`CREATE INDEX idx_visitor_retention ON trackflow.visitor (workspace_id, last_seen)
      WHERE merged_into_visitor_id IS NULL AND person_id IS NULL AND NOT has_converted`);
    await queryRunner.query(`CREATE INDEX idx_webhook_delivery_finished ON trackflow.webhook_delivery (workspace_id, created_at) WHERE status <> 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX trackflow.idx_webhook_delivery_finished`);
    await queryRunner.query(`DROP INDEX trackflow.idx_visitor_retention`);
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings ${COLUMNS.map((column) => `DROP COLUMN ${column}`).join(', ')}`);
  }
}

const COLUMNS = [
  'retention_click_event_days',
  'retention_visitor_event_days',
  'retention_visitor_session_days',
  'retention_visitor_days',
  'retention_api_request_log_days',
  'retention_webhook_delivery_days',
];
