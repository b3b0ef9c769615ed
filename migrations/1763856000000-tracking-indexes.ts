import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes and constraints that the click and event pipelines and attribution showed to be missing or harmful.
 *
 * visitor_event, click_event and visitor_session lose their own foreign key to workspace: their
 * key to visitor (workspace_id, visitor_id) already ties them to a workspace that exists, and
 * deleting a workspace still reaches them through visitor. Every stored row paid for the redundant
 * check, and all rows of a workspace share-locked its one row, which concurrent workers turned into
 * multixacts: it cost as much as the rest of an event insert.
 *
 * visitor_event.session_id is checked at commit: the event worker inserts events with their
 * session id and then the sessions, so it never rewrites the events it has just written.
 *
 * idx_click_event_session: attribution asks which sessions contain no click (a visit that is a
 * touch of its own), and deleting a session sets its clicks' session_id to NULL.
 *
 * idx_visitor_bot (workspace_id, is_bot) is replaced. On a young table, before any ANALYZE, the
 * planner rated it as cheap as the primary key for the foreign-key check that every stored click
 * and session runs (`workspace_id = $1 AND visitor_id = $2`), and the check's plan is cached for
 * the life of the connection: each check then walked every visitor of the workspace, and click
 * persistence slowed down as the visitor table grew. A partial index cannot serve that check, so
 * the primary key is the only candidate; it also serves what the old index was for, counting
 * human visitors, with their activity time for date ranges.
 */
const REDUNDANT_WORKSPACE_KEYS = ['visitor_event', 'click_event', 'visitor_session'] as const;

// Written to be re-runnable: development databases ran an earlier draft of it under another name.
export class TrackingIndexes1763856000000 implements MigrationInterface {
  name = 'TrackingIndexes1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS trackflow.idx_visitor_bot`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS idx_visitor_human_last_seen ON trackflow.visitor (workspace_id, last_seen) WHERE NOT is_bot`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS idx_click_event_session ON trackflow.click_event (session_id) WHERE session_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE trackflow.visitor_event ALTER CONSTRAINT visitor_event_session_id_fkey DEFERRABLE INITIALLY DEFERRED`);
    for (const table of REDUNDANT_WORKSPACE_KEYS) await queryRunner.query(`ALTER TABLE trackflow.${table} DROP CONSTRAINT IF EXISTS ${table}_workspace_id_fkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of REDUNDANT_WORKSPACE_KEYS) {
      await queryRunner.query(`ALTER TABLE trackflow.${table} ADD CONSTRAINT ${table}_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES trackflow.workspace(id) ON DELETE CASCADE`);
    }
    await queryRunner.query(`ALTER TABLE trackflow.visitor_event ALTER CONSTRAINT visitor_event_session_id_fkey NOT DEFERRABLE`);
    await queryRunner.query(`DROP INDEX trackflow.idx_click_event_session`);
    await queryRunner.query(`DROP INDEX trackflow.idx_visitor_human_last_seen`);
    await queryRunner.query(`CREATE INDEX idx_visitor_bot ON trackflow.visitor (workspace_id, is_bot)`);
  }
}
