import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The country of a visitor and of each session, looked up offline from the address before it is
 * anonymised (clicks already had the column), and the site's own user id a visitor identified
 * with (identify({externalId})), on which visitors are merged like on an email. Merged visitors are
 * found by the visitor they joined, for the merge itself, erasure and retention.
 */
export class VisitorCountryExternalId1764585600000 implements MigrationInterface {
  name = 'VisitorCountryExternalId1764585600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.visitor ADD COLUMN country text, ADD COLUMN external_id text`);
    await queryRunner.query(`ALTER TABLE trackflow.visitor_session ADD COLUMN country text`);
    await queryRunner.query(`CREATE INDEX idx_visitor_external_id ON trackflow.visitor (workspace_id, external_id) WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_visitor_merged_into ON trackflow.visitor (workspace_id, merged_into_visitor_id) WHERE merged_into_visitor_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX trackflow.idx_visitor_merged_into`);
    await queryRunner.query(`DROP INDEX trackflow.idx_visitor_external_id`);
    await queryRunner.query(`ALTER TABLE trackflow.visitor_session DROP COLUMN country`);
    await queryRunner.query(`ALTER TABLE trackflow.visitor DROP COLUMN country, DROP COLUMN external_id`);
  }
}
