import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leads a website's form posted before its workspace was connected to Twenty: kept until the
 * connection exists, then sent on (and deleted). The person's fields stay as the form sent them,
 * in one JSON value, since they exist only to be sent; erasure finds them by visitor id or email.
 */
export class PendingLeads1764845000001 implements MigrationInterface {
  name = 'PendingLeads1764845000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.pending_lead (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        person jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_pending_lead_workspace ON trackflow.pending_lead (workspace_id, received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trackflow.pending_lead`);
  }
}
