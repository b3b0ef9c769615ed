import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four settings that were stored and shown but changed nothing go, because each would only
 * repeat something that already has a home:
 * - trackflow_settings.custom_attribution_settings: free JSON beside the Attribution Models, whose
 *   typed parameters (weights, half-life, lookback, ignoreDirect) and the workspace's default model
 *   and window already say how credit is given.
 * - attribution_model.custom_rules: free JSON beside the seed's Attribution Channel Rule rows, which
 *   are what the CUSTOM model weighs touches by.
 * - domain_configuration.custom_css: the seed gives it no place to apply; the redirect's only pages
 *   are four short error pages that load nothing from elsewhere, and a marketer who wants a branded
 *   page for a retired link already has the link's fallbackUrl.
 * - domain_configuration.tracking_settings: free JSON with no defined meaning; what is tracked is
 *   the workspace's settings (enableTracking, consent, Do Not Track, anonymisation).
 * Their values cannot come back: down restores the columns, empty.
 */
export class SettingsThatChangeNothing1764672000000 implements MigrationInterface {
  name = 'SettingsThatChangeNothing1764672000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings DROP COLUMN custom_attribution_settings`);
    await queryRunner.query(`ALTER TABLE trackflow.attribution_model DROP COLUMN custom_rules`);
    await queryRunner.query(`ALTER TABLE trackflow.domain_configuration DROP COLUMN custom_css, DROP COLUMN tracking_settings`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.domain_configuration ADD COLUMN custom_css text, ADD COLUMN tracking_settings jsonb`);
    await queryRunner.query(`ALTER TABLE trackflow.attribution_model ADD COLUMN custom_rules jsonb`);
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings ADD COLUMN custom_attribution_settings jsonb`);
  }
}
