import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The link between a TrackFlow workspace and a Twenty workspace, and the webhook deliveries seen.
 * Credentials are stored sealed (AES-256-GCM with TRACKFLOW_SECRET_KEY), never in clear.
 * A delivery is keyed on what identifies the change, not on Twenty's nonce, which changes on retry.
 */
export class TwentyConnection1763856000001 implements MigrationInterface {
  name = 'TwentyConnection1763856000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.twenty_connection (
        workspace_id uuid PRIMARY KEY REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        twenty_url text NOT NULL CHECK (twenty_url ~* '^https?://'),
        -- Learnt from the first verified delivery; deliveries are matched to their connection by webhook id.
        twenty_workspace_id text,
        api_key_sealed text NOT NULL,
        webhook_secret_sealed text NOT NULL,
        webhook_id text NOT NULL,
        installed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_twenty_connection_webhook UNIQUE (webhook_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE trackflow.twenty_webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        -- sha256 of webhookId, record id, eventName and eventDate.
        delivery_key text NOT NULL,
        event_name text NOT NULL,
        record_id text,
        event_date timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        error text,
        CONSTRAINT uq_twenty_webhook_delivery UNIQUE (workspace_id, delivery_key)
      )`);
    await queryRunner.query(`CREATE INDEX idx_twenty_webhook_delivery_received ON trackflow.twenty_webhook_delivery (workspace_id, received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trackflow.twenty_webhook_delivery`);
    await queryRunner.query(`DROP TABLE trackflow.twenty_connection`);
  }
}
