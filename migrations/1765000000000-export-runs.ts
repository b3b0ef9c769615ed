import { MigrationInterface, QueryRunner } from 'typeorm';

/** The history of scheduled export runs (seed 004's Export Jobs), one row per workspace, day and kind of file. */
export class ExportRuns1765000000000 implements MigrationInterface {
  name = 'ExportRuns1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.export_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        export_type text NOT NULL CHECK (export_type IN ('OFFLINE_CONVERSIONS', 'DAILY_ANALYTICS', 'EVENT_DATA')),
        status text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
        export_date date NOT NULL,
        start_time timestamptz NOT NULL DEFAULT now(),
        end_time timestamptz,
        records_processed integer NOT NULL DEFAULT 0 CHECK (records_processed >= 0),
        destination text NOT NULL,
        error text
      )`);
    await queryRunner.query(`CREATE INDEX idx_export_run_workspace_start ON trackflow.export_run (workspace_id, start_time DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trackflow.export_run`);
  }
}
