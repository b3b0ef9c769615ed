import { MigrationInterface, QueryRunner } from 'typeorm';

/** A data subject may be named by the site's own user id (identify({externalId})); the erasure log says so, by hash as ever. */
export class ErasureSubjectExternalId1764585600002 implements MigrationInterface {
  name = 'ErasureSubjectExternalId1764585600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.privacy_erasure_log DROP CONSTRAINT privacy_erasure_log_subject_kind_check,
      ADD CONSTRAINT privacy_erasure_log_subject_kind_check CHECK (subject_kind IN ('visitorId', 'personId', 'email', 'externalId'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.privacy_erasure_log DROP CONSTRAINT privacy_erasure_log_subject_kind_check,
      ADD CONSTRAINT privacy_erasure_log_subject_kind_check CHECK (subject_kind IN ('visitorId', 'personId', 'email'))`);
  }
}
