import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security and privacy records: who changed which setting, each outgoing webhook delivery (so a
 * final failure stays visible), and each erasure of a person's data. The erasure log names its
 * subject by a hash only: keeping the address would undo the erasure.
 */
export class SecurityPrivacy1764115200000 implements MigrationInterface {
  name = 'SecurityPrivacy1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings ADD COLUMN log_request_bodies boolean NOT NULL DEFAULT false`);

    await queryRunner.query(`
      CREATE TABLE trackflow.settings_audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid REFERENCES trackflow.api_key(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        field text NOT NULL,
        old_value jsonb,
        new_value jsonb
      )`);
    await queryRunner.query(`CREATE INDEX idx_settings_audit_log_time ON trackflow.settings_audit_log (workspace_id, changed_at)`);

    await queryRunner.query(`
      CREATE TABLE trackflow.webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES trackflow.api_key_webhook_event(id) ON DELETE CASCADE,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_status_code smallint,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX idx_webhook_delivery_subscription ON trackflow.webhook_delivery (workspace_id, subscription_id, created_at)`);
    await queryRunner.query(`CREATE INDEX idx_webhook_delivery_failed ON trackflow.webhook_delivery (workspace_id, created_at) WHERE status = 'failed'`);

    await queryRunner.query(`
      CREATE TABLE trackflow.privacy_erasure_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid REFERENCES trackflow.api_key(id) ON DELETE SET NULL,
        subject_kind text NOT NULL CHECK (subject_kind IN ('visitorId', 'personId', 'email')),
        subject_hash text NOT NULL,
        deleted_counts jsonb NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS trackflow.privacy_erasure_log`);
    await queryRunner.query(`DROP TABLE IF EXISTS trackflow.webhook_delivery`);
    await queryRunner.query(`DROP TABLE IF EXISTS trackflow.settings_audit_log`);
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings DROP COLUMN IF EXISTS log_request_bodies`);
  }
}
