import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mirror writes wait here, like field write-backs in twenty_pending_update, so that a backlog
 * (a backfill's thousands of conversions and deal attributions) goes to Twenty 60 records a
 * request instead of one: Twenty's throttle counts requests, not records (docs/twenty-contracts.md, R3, R7).
 * `version` tells a request made while a send was under way from the one the send took.
 */
export class TwentyPendingMirror1764374400003 implements MigrationInterface {
  name = 'TwentyPendingMirror1764374400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.twenty_pending_mirror (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        kind text NOT NULL,
        record_id text NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, kind, record_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trackflow.twenty_pending_mirror`);
  }
}
