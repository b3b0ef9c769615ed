import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TrackFlow remembers of Twenty's people, deals and companies. Twenty's webhooks carry a
 * record's new state only, so the previous stage, status, amount and contact, which say whether a
 * change is a stage move or needs a new attribution, have to be kept here. Company rollups keep the
 * values last written so a recomputation that changes nothing writes nothing.
 */
export class CrmRecords1764028800000 implements MigrationInterface {
  name = 'CrmRecords1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trackflow.crm_person (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        person_id text NOT NULL,
        company_id text,
        lead_status text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, person_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_crm_person_company ON trackflow.crm_person (workspace_id, company_id) WHERE company_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE trackflow.crm_deal (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        opportunity_id text NOT NULL,
        stage text,
        amount_micros bigint CHECK (amount_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD' CHECK (currency_code ~ '^[A-Z]{3}$'),
        point_of_contact_id text,
        company_id text,
        won_at timestamptz,
        conversion_id uuid REFERENCES trackflow.conversion(id) ON DELETE SET NULL,
        marketing_influenced boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, opportunity_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_crm_deal_company ON trackflow.crm_deal (workspace_id, company_id) WHERE company_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE trackflow.crm_company (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        company_id text NOT NULL,
        first_touch_source text,
        influenced_revenue_micros bigint NOT NULL DEFAULT 0 CHECK (influenced_revenue_micros >= 0),
        currency_code text NOT NULL DEFAULT 'USD' CHECK (currency_code ~ '^[A-Z]{3}$'),
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, company_id)
      )`);
    // The fields still to write to a Twenty record: writes to one record merge here, so the outbox
    // always sends the newest values, whatever order its retries run in.
    await queryRunner.query(`
      CREATE TABLE trackflow.twenty_pending_update (
        workspace_id uuid NOT NULL REFERENCES trackflow.workspace(id) ON DELETE CASCADE,
        object_plural text NOT NULL,
        record_id text NOT NULL,
        data jsonb NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, object_plural, record_id)
      )`);
    await queryRunner.query(`
      ALTER TABLE trackflow.trackflow_settings
        ADD COLUMN deal_won_stages text[] NOT NULL DEFAULT '{CUSTOMER}' CHECK (cardinality(deal_won_stages) > 0),
        ADD COLUMN deal_journey_scope text NOT NULL DEFAULT 'company' CHECK (deal_journey_scope IN ('contact', 'company')),
        ADD COLUMN lead_status_field text DEFAULT 'leadStatus' CHECK (lead_status_field ~ '^[a-z][A-Za-z0-9]*$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trackflow.trackflow_settings DROP COLUMN lead_status_field, DROP COLUMN deal_journey_scope, DROP COLUMN deal_won_stages`);
    await queryRunner.query(`DROP TABLE trackflow.twenty_pending_update`);
    await queryRunner.query(`DROP TABLE trackflow.crm_company`);
    await queryRunner.query(`DROP TABLE trackflow.crm_deal`);
    await queryRunner.query(`DROP TABLE trackflow.crm_person`);
  }
}
