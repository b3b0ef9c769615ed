import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * visitor_event.session_id keeps its value but loses its foreign key to visitor_session.
 *
 * The key was checked for every stored event, at commit: over a tenth of the event worker's
 * time in PostgreSQL. It guarded nothing the worker does not already ensure: the worker writes an
 * event and its session in one transaction, holding the lock of their visitor row, and sessions
 * leave only with their visitor, whose own cascade removes the events too (identify moves both).
 *
 * Its ON DELETE SET NULL was harmful besides: no index leads with session_id, so each deleted
 * session (a visitor's erasure deletes all of theirs) scanned the whole of visitor_event.
 */
export class EventSessionKey1764201600001 implements MigrationInterface {
  name = 'EventSessionKey1764201600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.visitor_event DROP CONSTRAINT visitor_event_session_id_fkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE trackflow.visitor_event ADD CONSTRAINT visitor_event_session_id_fkey
         FOREIGN KEY (session_id) REFERENCES trackflow.visitor_session(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED`,
    );
  }
}
