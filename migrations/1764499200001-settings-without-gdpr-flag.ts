import { MigrationInterface, QueryRunner } from 'typeorm';

/** The strict set, column and the name the settings log knows it by. */
const STRICT_SET = {
  cookie_consent_required: 'cookieConsentRequired',
  anonymize_ip_addresses: 'anonymizeIpAddresses',
  respect_do_not_track: 'respectDoNotTrack',
};

/**
 * gdpr_compliance_enabled goes: nothing read it, and as a summary of three settings it could only
 * disagree with them. A workspace that had it on gets what it promised (consent required, IP
 * anonymisation, Do Not Track respected), each change recorded in the settings log like any other.
 */
export class SettingsWithoutGdprFlag1764499200001 implements MigrationInterface {
  name = 'SettingsWithoutGdprFlag1764499200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [column, field] of Object.entries(STRICT_SET)) {
      await queryRunner.query(
        `WITH changed AS (
           UPDATE trackflow.trackflow_settings SET ${column} = true WHERE gdpr_compliance_enabled AND NOT ${column} RETURNING workspace_id)
         INSERT INTO trackflow.settings_audit_log (workspace_id, api_key_id, field, old_value, new_value)
         SELECT workspace_id, NULL, $1, 'false'::jsonb, 'true'::jsonb FROM changed`,
        [field],
      );
    }
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings DROP COLUMN gdpr_compliance_enabled`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings ADD COLUMN gdpr_compliance_enabled boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE trackflow.trackflow_settings SET gdpr_compliance_enabled = ${Object.keys(STRICT_SET).join(' AND ')}`);
  }
}
