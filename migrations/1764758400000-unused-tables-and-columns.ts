import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables and columns nothing wrote, dropped rather than kept as promises:
 * - email_campaign_log: TrackFlow sends no email and no sender reports to it; an email campaign is a
 *   campaign of type EMAIL whose links carry utm_medium=email, and its clicks are click_event rows.
 *   It would also have held recipients' addresses that erasure had to chase.
 * - api_key_permission: an API key's scopes (api_key.scopes) are its permissions; a second list
 *   could only disagree with what the guard enforces.
 * - link_conversion: a conversion's link is conversion.tracked_link_id (its last click, written
 *   with the conversion), its credit per link is conversion_credit, and every linked touch with its
 *   click is a deal_attribution row; a fourth copy would drift from all three.
 * - conversion.attribution_data: a conversion's attribution is its deal_attribution rows (one per
 *   touch and model); a JSON summary beside them would be a stale copy.
 * - click_event.event_data: every fact the redirect knows of a click has a column of its own
 *   (link, variant, campaign, UTMs, referrer, landing URL, QR, device); there is nothing left to put in it.
 */
export class UnusedTablesAndColumns1764758400000 implements MigrationInterface {
  name = 'UnusedTablesAndColumns1764758400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['email_campaign_log', 'api_key_permission', 'link_conversion']) {
      await queryRunner.query(`DROP TABLE trackflow.${table}`);
    }
    await queryRunner.query(`ALTER TABLE trackflow.conversion DROP COLUMN attribution_data`);
    await queryRunner.query(`ALTER TABLE trackflow.click_event DROP COLUMN event_data`);
  }

  /** The definitions of 1763769600001, so that its own down() finds what it created. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.click_event ADD COLUMN event_data jsonb`);
    await queryRunner.query(`ALTER TABLE trackflow.conversion ADD COLUMN attribution_data jsonb`);
    await queryRunner.query(`
      CREATE TABLE trackflow.link_conversion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        conversion_id uuid REFERENCES trackflow.conversion(id) ON DELETE CASCADE,
        click_event_id uuid REFERENCES trackflow.click_event(id) ON DELETE SET NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        visitor_id text,
        conversion_date timestamptz NOT NULL,
        conversion_type text NOT NULL CHECK (conversion_type IN
          ('lead', 'deal', 'signup', 'purchase', 'form_submission', 'goal', 'other')),
        conversion_value_micros bigint NOT NULL DEFAULT 0 CHECK (conversion_value_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD' CHECK (currency_code ~ '^[A-Z]{3}$'),
        attribution_data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (workspace_id, visitor_id) REFERENCES trackflow.visitor(workspace_id, visitor_id)
          ON DELETE SET NULL (visitor_id) ON UPDATE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX idx_link_conversion_link_date ON trackflow.link_conversion (workspace_id, tracked_link_id, conversion_date)`);
    await queryRunner.query(`CREATE INDEX idx_link_conversion_visitor ON trackflow.link_conversion (workspace_id, visitor_id) WHERE visitor_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_link_conversion_click_event ON trackflow.link_conversion (click_event_id) WHERE click_event_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_link_conversion_conversion_link ON trackflow.link_conversion (workspace_id, conversion_id, tracked_link_id) WHERE conversion_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE trackflow.api_key_permission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES trackflow.api_key(id) ON DELETE CASCADE,
        permission_type text NOT NULL CHECK (permission_type <> ''),
        permission_data jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_key_permission UNIQUE (api_key_id, permission_type)
      )`);
    await queryRunner.query(`
      CREATE TABLE trackflow.email_campaign_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        campaign_id uuid REFERENCES trackflow.link_campaign(id) ON DELETE SET NULL,
        tracked_link_id uuid REFERENCES trackflow.tracked_link(id) ON DELETE SET NULL,
        email_template text,
        recipient text NOT NULL,
        person_id text,
        message_id text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN
          ('queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'unsubscribed')),
        sent_date timestamptz,
        opened_date timestamptz,
        clicked_date timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_campaign ON trackflow.email_campaign_log (workspace_id, campaign_id, sent_date)`);
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_recipient ON trackflow.email_campaign_log (workspace_id, lower(recipient))`);
    await queryRunner.query(`CREATE INDEX idx_email_campaign_log_tracked_link ON trackflow.email_campaign_log (tracked_link_id) WHERE tracked_link_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_email_campaign_log_message ON trackflow.email_campaign_log (workspace_id, message_id) WHERE message_id IS NOT NULL`);
  }
}
