import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names to find people and deals by, so staff search instead of pasting Twenty ids. A person's
 * email is kept only as the workspace-salted hash visitors already use (tracking's `emailHash`):
 * an exact address finds its person, but the table never holds an address. Names come with every
 * delivery and reconciliation page, so rows learned before this migration get theirs on the next
 * change or on `twenty:sync`. Erasure and export already take whole `crm_person` rows.
 */
export class CrmNames1764845000000 implements MigrationInterface {
  name = 'CrmNames1764845000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.crm_person ADD COLUMN display_name text, ADD COLUMN email_hash text`);
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal ADD COLUMN name text`);
    await queryRunner.query(`CREATE INDEX idx_crm_person_email_hash ON trackflow.crm_person (workspace_id, email_hash) WHERE email_hash IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX trackflow.idx_crm_person_email_hash`);
    await queryRunner.query(`ALTER TABLE trackflow.crm_deal DROP COLUMN name`);
    await queryRunner.query(`ALTER TABLE trackflow.crm_person DROP COLUMN email_hash, DROP COLUMN display_name`);
  }
}
